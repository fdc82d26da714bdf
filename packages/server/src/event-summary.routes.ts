// Openings and refused attempts per local day, for the console's overview charts. Counts only:
// no person's events leave the database, so the read is not written to event_read_log.
import { summariseEventsPerDay } from '@portvakt/storage';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireActor, type AppContext } from './context';
import { authorise } from './registry.routes';
import { errorResponses } from './schemas';

export const eventSummaryRouteTemplates = ['GET /api/v1/event-log/summary'];

export function registerEventSummaryRoutes(app: FastifyInstance, context: AppContext): void {
  app.get(
    '/api/v1/event-log/summary',
    {
      schema: {
        tags: ['event log'],
        summary: 'Openings and refused attempts per local day (Europe/Stockholm), oldest day first',
        querystring: Type.Object(
          { days: Type.Optional(Type.Integer({ minimum: 1, maximum: 92, default: 14 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            from: Type.String({ format: 'date-time' }),
            to: Type.String({ format: 'date-time' }),
            timeZone: Type.String(),
            days: Type.Array(
              Type.Object({
                day: Type.String({ format: 'date' }),
                openings: Type.Integer(),
                refused: Type.Integer(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      // The same grant as the event log; a work lead counts what their event-log view shows.
      const scope = authorise(actor, 'device_event', 'read');
      const { days } = request.query as { days?: number };
      const summary = await summariseEventsPerDay(context.pool, {
        municipalityId: actor.municipalityId,
        days: days ?? 14,
        ...(scope.kind === 'provider' ? { providerId: scope.providerId } : {}),
      });
      return {
        from: summary.from.toISOString(),
        to: summary.to.toISOString(),
        timeZone: 'Europe/Stockholm',
        days: summary.days,
      };
    },
  );
}
