// The consent e-service's API (docs/consents.md "E-service"): public, the link's token is the
// only credential. Answers name the property and its entrances, never who lives there (R2.7).
import {
  ConsentAnswerBody,
  ConsentAnswerReceipt,
  ConsentLinkView,
  ConsentTokenParams,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { type AppContext } from '../platform/context';
import { declareLinkRoutes } from '../platform/declare-link-routes';
import { answerConsentLink, readConsentLink } from './consent-link';

export const consentLinkRouteTemplates = [
  'GET /api/v1/consent-links/{token}',
  'POST /api/v1/consent-links/{token}',
];

export function registerConsentLinkRoutes(app: FastifyInstance, context: AppContext): void {
  const links = declareLinkRoutes(app, { tags: ['consents'], params: ConsentTokenParams, context });
  links.get('/api/v1/consent-links/:token', {
    summary: 'The e-service: a link’s property and entrances (unknown 404, used 409, expired 410)',
    response: ConsentLinkView,
    useCase: readConsentLink,
  });
  links.post('/api/v1/consent-links/:token', {
    summary: 'The e-service: consent or decline per entrance, with name and title; uses the link up',
    body: ConsentAnswerBody,
    response: ConsentAnswerReceipt,
    useCase: answerConsentLink,
  });
}
