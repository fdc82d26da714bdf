// Relatives' self-service over HTTP (R4.4, docs/relatives.md): the customer's work lead invites,
// lists and withdraws, and sees the read log; the relative reads its one customer's visit list.
import {
  CreatedRelativeInvitation,
  RelativeCustomer,
  RelativeInvitation,
  RelativeInvitationBody,
  RelativeInvitationList,
  RelativeReadList,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import type { AppContext } from '../platform/context';
import { declareRoutes } from '../platform/declare-routes';
import { callWithLinkMailing } from '../platform/route-link-mailing';
import { declareRelativesVisitListRoute } from '../visits';
import { inviteRelative } from './invite-relative';
import { listCustomerRelativeInvitations } from './list-relative-invitations';
import { listCustomerRelativeReads } from './list-relative-reads';
import { readRelativeCustomer } from './read-relative-customer';
import { readRelativeVisitList } from './read-relative-visit-list';
import { installRelativeFence } from './relative-fence';
import { withdrawRelativeInvitation } from './withdraw-relative-invitation';

export const relativeRouteTemplates = [
  'GET /api/v1/customers/{id}/relative-invitations',
  'POST /api/v1/customers/{id}/relative-invitations',
  'POST /api/v1/relative-invitations/{id}/withdrawal',
  'GET /api/v1/customers/{id}/relative-reads',
  'GET /api/v1/relative/customer',
  'GET /api/v1/relative/customers/{id}/visits',
];

export function registerRelativeRoutes(app: FastifyInstance, context: AppContext): void {
  installRelativeFence(app);
  const routes = declareRoutes(app, { tags: ['relatives'], context, pathParams: 'uuid' });

  routes.get('/api/v1/customers/:id/relative-invitations', {
    summary: 'A customer’s relative invitations and the accounts made with them (work lead, municipality)',
    response: RelativeInvitationList,
    handle: callUseCase(listCustomerRelativeInvitations, inputFrom.idAs('customerId')),
  });

  routes.post('/api/v1/customers/:id/relative-invitations', {
    summary: 'Invite a relative: mails a single-use link with an expiry and answers it once',
    body: RelativeInvitationBody,
    response: CreatedRelativeInvitation,
    status: 201,
    handle: callWithLinkMailing(context, app.log, (mailing) =>
      callUseCase(inviteRelative, inputFrom.idWith('invitation', 'customerId'), mailing),
    ),
  });

  routes.post('/api/v1/relative-invitations/:id/withdrawal', {
    summary: 'Withdraw an invitation: its link stops working, or the account made with it is disabled',
    response: RelativeInvitation,
    handle: callUseCase(withdrawRelativeInvitation, inputFrom.idAs('invitationId')),
  });

  routes.get('/api/v1/customers/:id/relative-reads', {
    summary: 'Every read of the customer’s visit list by a relative, newest first',
    querystring: Type.Object(
      { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) },
      { additionalProperties: false },
    ),
    response: RelativeReadList,
    handle: callUseCase(listCustomerRelativeReads, inputFrom.queryWithId('customerId')),
  });

  routes.get('/api/v1/relative/customer', {
    summary: 'The one customer a relative’s account is bound to',
    response: RelativeCustomer,
    handle: callUseCase(readRelativeCustomer, inputFrom.none),
  });

  declareRelativesVisitListRoute(routes, '/api/v1/relative/customers/:id/visits', {
    summary: 'A relative’s visit list of their customer (JSON, CSV or PDF, in Swedish); every read is logged',
    readList: readRelativeVisitList,
  });
}
