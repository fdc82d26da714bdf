// The invitation link's API (docs/relatives.md): public, the link's token is the only credential.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  errorResponses,
  RelativeAccountBody,
  RelativeAccountReceipt,
  RelativeLinkParams,
  RelativeLinkView,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { readClock, type AppContext } from '../platform/context';
import { createRelativeAccount, readRelativeLink } from './relative-link';

export const relativeLinkRouteTemplates = [
  'GET /api/v1/relative-links/{token}',
  'POST /api/v1/relative-links/{token}/account',
];

export function registerRelativeLinkRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const errors = { ...errorResponses, 410: Type.Ref('Error') };
  typed.get(
    '/api/v1/relative-links/:token',
    {
      config: { isPublic: true },
      schema: {
        tags: ['relatives'],
        summary: 'An invitation link: whom it is for (unknown 404, used 409, expired or withdrawn 410)',
        security: [],
        params: RelativeLinkParams,
        response: { 200: RelativeLinkView, ...errors },
      },
    },
    async (request) =>
      readRelativeLink({ db: context.pool, token: request.params.token, now: readClock(context) }),
  );
  typed.post(
    '/api/v1/relative-links/:token/account',
    {
      config: { isPublic: true },
      schema: {
        tags: ['relatives'],
        summary: 'Use an invitation link up: make the relative’s account with a username and password',
        security: [],
        params: RelativeLinkParams,
        body: RelativeAccountBody,
        response: { 201: RelativeAccountReceipt, ...errors },
      },
    },
    async (request, reply) => {
      const receipt = await createRelativeAccount({
        db: context.pool,
        token: request.params.token,
        input: request.body,
        now: readClock(context),
        requestId: request.id,
      });
      return reply.status(201).send(receipt);
    },
  );
}
