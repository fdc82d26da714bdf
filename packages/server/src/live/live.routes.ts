// The console's live view over HTTP (docs/live.md): today's district as JSON, and a stream of
// server-sent events. Both are for exactly the roles that read the event log, in their scope.
import { LiveDistrict } from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context';
import { declareRoutes } from '../platform/declare-routes';
import { LiveHub } from './live-hub';
import { readLiveView } from './live-today';
import { openLiveStream } from './open-live-stream';
import { readLiveDistrict } from './read-live-district';

export const liveRouteTemplates = ['GET /api/v1/live/district', 'GET /api/v1/live/stream'];

export function registerLiveRoutes(app: FastifyInstance, context: AppContext): void {
  const hub = new LiveHub(context.pool);
  // Before the HTTP server closes: it would otherwise wait for every open stream.
  app.addHook('preClose', async () => hub.close());
  const routes = declareRoutes(app, { tags: ['live'], context });
  routes.get('/api/v1/live/district', {
    summary: 'Today in the district: clock, block-list version, properties, locks and newest events',
    querystring: Type.Object(
      { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) },
      { additionalProperties: false },
    ),
    permission: ['device_event', 'read'],
    response: LiveDistrict,
    handle: async ({ request, options }) => readLiveDistrict({ ...options, input: request.query }),
  });
  routes.get('/api/v1/live/stream', {
    summary: 'Server-sent events: new records (`record`), lock states (`lock`), the clock (`clock`)',
    description:
      'text/event-stream. Send `Last-Event-ID` (as EventSource does when it reconnects) to get what was missed first.',
    permission: ['device_event', 'read'],
    handle: async ({ request, reply, actor }) => {
      await openLiveStream({ context, hub, request, reply, actor, view: readLiveView(actor) });
      return reply;
    },
  });
}
