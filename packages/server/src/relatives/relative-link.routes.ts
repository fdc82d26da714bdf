// The invitation link's API (docs/relatives.md): public, the link's token is the only credential.
import {
  RelativeAccountBody,
  RelativeAccountReceipt,
  RelativeLinkParams,
  RelativeLinkView,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { type AppContext } from '../platform/context';
import { declareLinkRoutes } from '../platform/declare-link-routes';
import { createRelativeAccount, readRelativeLink } from './relative-link';

export const relativeLinkRouteTemplates = [
  'GET /api/v1/relative-links/{token}',
  'POST /api/v1/relative-links/{token}/account',
];

export function registerRelativeLinkRoutes(app: FastifyInstance, context: AppContext): void {
  const links = declareLinkRoutes(app, { tags: ['relatives'], params: RelativeLinkParams, context });
  links.get('/api/v1/relative-links/:token', {
    summary: 'An invitation link: whom it is for (unknown 404, used 409, expired or withdrawn 410)',
    response: RelativeLinkView,
    useCase: readRelativeLink,
  });
  links.post('/api/v1/relative-links/:token/account', {
    summary: 'Use an invitation link up: make the relative’s account with a username and password',
    body: RelativeAccountBody,
    response: RelativeAccountReceipt,
    status: 201,
    useCase: createRelativeAccount,
  });
}
