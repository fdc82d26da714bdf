// The locksmith's arrival page's API (R9.2): public, the link's token is the only credential;
// answers name the address and the doors on the way in, nothing about who lives there.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { EmergencyArrivalParams, EmergencyArrivalView, errorResponses } from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { readClock, type AppContext } from '../platform/context';
import { confirmEmergencyArrival, readEmergencyArrival } from './emergency-arrival';

export const emergencyArrivalRouteTemplates = [
  'GET /api/v1/emergency-arrivals/{token}',
  'POST /api/v1/emergency-arrivals/{token}',
];

export function registerEmergencyArrivalRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const errors = { ...errorResponses, 410: Type.Ref('Error'), 429: Type.Ref('Error') };
  typed.get(
    '/api/v1/emergency-arrivals/:token',
    {
      config: { isPublic: true },
      schema: {
        tags: ['emergency'],
        summary:
          'The arrival page: address, doors on the way in, deadline (unknown 404, used or expired 410)',
        security: [],
        params: EmergencyArrivalParams,
        response: { 200: EmergencyArrivalView, ...errors },
      },
    },
    async (request) =>
      readEmergencyArrival({
        db: context.pool,
        token: request.params.token,
        now: readClock(context),
        address: request.ip,
      }),
  );
  typed.post(
    '/api/v1/emergency-arrivals/:token',
    {
      config: { isPublic: true },
      schema: {
        tags: ['emergency'],
        summary:
          'The locksmith is on site: records the arrival and uses the link up (a second use 410 arrival_link_used)',
        security: [],
        params: EmergencyArrivalParams,
        response: { 200: EmergencyArrivalView, ...errors },
      },
    },
    async (request) =>
      confirmEmergencyArrival({
        db: context.pool,
        token: request.params.token,
        now: readClock(context),
        address: request.ip,
        requestId: request.id,
      }),
  );
}
