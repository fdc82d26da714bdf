import { defaultMaxGrantDays } from '@portvakt/core';
import {
  consentSettingsProperties,
  MunicipalityRow,
  passkeySettingsProperties,
  relativeSettingsProperties,
  supportSettingsProperties,
  visitSettingsProperties,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { readMunicipality } from './read-municipality';
import { updateMunicipality } from './update-municipality';

/** The actor's own municipality (the tenant); created by `portvakt seed-demo` or an operator. */
export function registerMunicipalityRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['municipality'], context });
  routes.get('/api/v1/municipality', {
    summary: 'Your municipality',
    response: MunicipalityRow,
    handle: async ({ options }) => readMunicipality({ ...options }),
  });

  routes.patch('/api/v1/municipality', {
    summary: 'Rename the municipality or change its settings',
    body: Type.Object(
      {
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
        settings: Type.Optional(
          Type.Object(
            {
              ticketValidityHours: Type.Optional(
                Type.Integer({
                  minimum: 1,
                  maximum: 120,
                  description: 'Offline validity of keys, at most 5 days (R1.4).',
                }),
              ),
              shiftHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 })),
              eventRetentionMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 120 })),
              auditRetentionMonths: Type.Optional(
                Type.Integer({
                  minimum: 24,
                  maximum: 240,
                  description: 'Audit trail retention (default 36): outlives the events it explains.',
                }),
              ),
              eventReadLogRetentionMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 120 })),
              maxGrantDays: Type.Optional(
                Type.Integer({
                  minimum: 1,
                  maximum: 365,
                  description: `Longest individual grant, in days (default ${defaultMaxGrantDays}).`,
                }),
              ),
              batteryThresholdPercent: Type.Optional(
                Type.Integer({
                  minimum: 5,
                  maximum: 60,
                  description:
                    'Battery level at which a lock’s battery is due for a change (default 20, docs/batteries.md).',
                }),
              ),
              ...visitSettingsProperties,
              ...consentSettingsProperties,
              ...supportSettingsProperties,
              ...passkeySettingsProperties,
              ...relativeSettingsProperties,
            },
            { additionalProperties: false },
          ),
        ),
      },
      { additionalProperties: false, minProperties: 1 },
    ),
    response: MunicipalityRow,
    handle: callUseCase(updateMunicipality, inputFrom.body),
  });
}
