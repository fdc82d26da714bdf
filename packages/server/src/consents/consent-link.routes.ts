// The consent e-service's API (docs/consents.md "E-service"): public, the link's token is the
// only credential. Answers name the property and its entrances, never who lives there (R2.7).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ConsentAnswerBody,
  ConsentAnswerReceipt,
  ConsentLinkView,
  ConsentTokenParams,
  errorResponses,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { readClock, type AppContext } from '../platform/context';
import { answerConsentLink, readConsentLink } from './consent-link';

export const consentLinkRouteTemplates = [
  'GET /api/v1/consent-links/{token}',
  'POST /api/v1/consent-links/{token}',
];

export function registerConsentLinkRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const errors = { ...errorResponses, 410: Type.Ref('Error') };
  typed.get(
    '/api/v1/consent-links/:token',
    {
      config: { isPublic: true },
      schema: {
        tags: ['consents'],
        summary: 'The e-service: a link’s property and entrances (unknown 404, used 409, expired 410)',
        security: [],
        params: ConsentTokenParams,
        response: { 200: ConsentLinkView, ...errors },
      },
    },
    async (request) =>
      readConsentLink({ db: context.pool, token: request.params.token, now: readClock(context) }),
  );
  typed.post(
    '/api/v1/consent-links/:token',
    {
      config: { isPublic: true },
      schema: {
        tags: ['consents'],
        summary: 'The e-service: consent or decline per entrance, with name and title; uses the link up',
        security: [],
        params: ConsentTokenParams,
        body: ConsentAnswerBody,
        response: { 200: ConsentAnswerReceipt, ...errors },
      },
    },
    async (request) =>
      answerConsentLink({
        db: context.pool,
        token: request.params.token,
        input: request.body,
        now: readClock(context),
        requestId: request.id,
      }),
  );
}
