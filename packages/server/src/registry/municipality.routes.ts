import { defaultMaxGrantDays } from '@portvakt/core';
import { findMunicipality, updateMunicipality } from '@portvakt/storage';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { recordChange } from '../audit/audit';
import { requireActor, type AppContext } from '../platform/context';
import { notFound } from '../platform/errors';
import { authorise } from './registry.routes';
import { errorResponses } from '../platform/schemas';
import { withTransaction } from '@portvakt/storage';

const Municipality = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  name: Type.String(),
  settings: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

/** Settings as they apply: a setting never changed shows its default. */
function withDefaults<T extends { settings: Record<string, unknown> }>(municipality: T): T {
  return { ...municipality, settings: { maxGrantDays: defaultMaxGrantDays, ...municipality.settings } };
}

/** The actor's own municipality (the tenant); created by `portvakt seed-demo` or an operator. */
export function registerMunicipalityRoutes(app: FastifyInstance, context: AppContext): void {
  app.get(
    '/api/v1/municipality',
    {
      schema: {
        tags: ['municipality'],
        summary: 'Your municipality',
        response: { 200: Municipality, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'municipality', 'read');
      const municipality = await findMunicipality(context.pool, actor.municipalityId);
      if (!municipality) throw notFound('municipality');
      return withDefaults(municipality);
    },
  );

  app.patch(
    '/api/v1/municipality',
    {
      schema: {
        tags: ['municipality'],
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
                  showStaffNamesToRelatives: Type.Optional(Type.Boolean()),
                  maxGrantDays: Type.Optional(
                    Type.Integer({
                      minimum: 1,
                      maximum: 365,
                      description: `Longest individual grant, in days (default ${defaultMaxGrantDays}).`,
                    }),
                  ),
                },
                { additionalProperties: false },
              ),
            ),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Municipality, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      authorise(actor, 'municipality', 'update');
      const body = request.body as { name?: string; settings?: Record<string, unknown> };
      return withTransaction(context.pool, async (client) => {
        const before = await findMunicipality(client, actor.municipalityId);
        if (!before) throw notFound('municipality');
        await updateMunicipality(client, actor.municipalityId, {
          name: body.name,
          settings: body.settings ? { ...before.settings, ...body.settings } : undefined,
        });
        const after = (await findMunicipality(client, actor.municipalityId))!;
        await recordChange(client, actor, {
          action: 'update',
          entity: 'municipality',
          entityId: actor.municipalityId,
          before,
          after,
          requestId: request.id,
        });
        return withDefaults(after);
      });
    },
  );
}
