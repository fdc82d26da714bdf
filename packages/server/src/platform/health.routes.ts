import { isPoolTimeout, readEngineInfo } from '@portvakt/storage';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from './context';
import { errorBody, failoverRetryAfterSeconds } from './errors';

/** Liveness and the database behind it; public so load balancers and people can check it. */
export function registerHealthRoutes(app: FastifyInstance, context: AppContext, mode: string): void {
  app.get(
    '/api/v1/health',
    {
      config: { isPublic: true },
      schema: {
        tags: ['health'],
        summary: 'Is the service up, and on which database',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            database: Type.Object({ engine: Type.String(), version: Type.String(), mode: Type.String() }),
          }),
          503: Type.Ref('Error'),
        },
      },
    },
    async (_request, reply) => {
      try {
        const info = await readEngineInfo(context.pool);
        return { status: 'ok' as const, database: { ...info, mode } };
      } catch (error) {
        // Busy (every pooled connection in use for the pool's timeout) is not down.
        if (isPoolTimeout(error))
          return reply
            .status(503)
            .send(errorBody('database_busy', 'The server is busy right now; try again in a moment.'));
        return reply
          .status(503)
          .header('retry-after', String(failoverRetryAfterSeconds))
          .send(errorBody('database_unavailable', 'The database does not answer.'));
      }
    },
  );
}
