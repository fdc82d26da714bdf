// Visits over HTTP (docs/visits.md, docs/api.md "Visits"): list and read inside the role's scope,
// register afterwards, correct, decline and void as new versions.
import {
  ApprovalResult,
  ApproveVisitsBody,
  ConfirmVisitExceptionBody,
  CorrectVisitBody,
  DeclineVisitBody,
  RegisterVisitBody,
  VisitDetail,
  VisitExceptionList,
  VisitExceptionQuery,
  VisitPage,
  VisitQuery,
  VoidVisitBody,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { type AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { CreatedId } from '../platform/schemas';
import { createListCursors } from '../platform/list-cursor';
import { approveVisits } from './approve-visits';
import { confirmVisitException } from './confirm-visit-exception';
import { correctVisit } from './correct-visit';
import { declineVisit } from './decline-visit';
import { listVisitExceptions } from './list-visit-exceptions';
import { listVisits } from './list-visits';
import { readVisit } from './read-visit';
import { registerVisit } from './register-visit';
import { voidVisit } from './void-visit';

export const visitRouteTemplates = [
  'GET /api/v1/visits',
  'GET /api/v1/visits/{id}',
  'POST /api/v1/visits',
  'POST /api/v1/visits/{id}/corrections',
  'POST /api/v1/visits/{id}/decline',
  'POST /api/v1/visits/{id}/void',
  'POST /api/v1/visits/approvals',
  'GET /api/v1/visit-exceptions',
  'POST /api/v1/visit-exceptions/confirmations',
];

const NewVersion = Type.Object({ id: Type.String(), version: Type.Integer() });

export function registerVisitRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['visits'], context, pathParams: 'uuid' });
  const cursors = createListCursors(context.masterKey);
  routes.get('/api/v1/visits', {
    summary: 'Visits arriving in a period (current versions), oldest first',
    querystring: VisitQuery,
    response: VisitPage,
    handle: callUseCase(listVisits, inputFrom.query, { cursors }),
  });

  routes.get('/api/v1/visits/:id', {
    summary: 'A visit with every version and the signed lock records or phone requests it came from',
    description:
      'A phone visit also lists, with its current version, the lock records of the staff member’s own openings of the customer’s door that confirmed it (role `confirmation`) instead of being derived as a second visit.',
    response: VisitDetail,
    handle: callUseCase(readVisit, inputFrom.idAs('visitId')),
  });

  routes.post('/api/v1/visits', {
    summary: 'Register a visit afterwards, by hand',
    body: RegisterVisitBody,
    response: CreatedId,
    status: 201,
    handle: callUseCase(registerVisit, inputFrom.body),
  });

  routes.post('/api/v1/visits/:id/corrections', {
    summary: 'Correct a visit: a new version with the reason, the old one kept',
    body: CorrectVisitBody,
    response: NewVersion,
    handle: callUseCase(correctVisit, inputFrom.bodyWithId('visitId')),
  });

  routes.post('/api/v1/visits/:id/decline', {
    summary: 'Record that the customer declined the visit, with their reason',
    body: DeclineVisitBody,
    response: NewVersion,
    handle: callUseCase(declineVisit, inputFrom.bodyWithId('visitId')),
  });

  routes.post('/api/v1/visits/:id/void', {
    summary: 'Void a visit registered by mistake, with why',
    description:
      'A new version in state `voided`: it counts nothing (no customer or staff time, no overlap, no exception) and relatives’ visit list leaves it out, since it never happened. For a visit the customer declined, use `decline`. The same checks as a correction: `409 version_conflict`, `422 month_locked`, 404 outside the actor’s scope.',
    body: VoidVisitBody,
    response: NewVersion,
    handle: callUseCase(voidVisit, inputFrom.bodyWithId('visitId')),
  });

  routes.get('/api/v1/visit-exceptions', {
    summary: 'The exceptions queue: what a work lead must look at before a month is paid',
    querystring: VisitExceptionQuery,
    response: VisitExceptionList,
    handle: callUseCase(listVisitExceptions, inputFrom.query),
  });

  routes.post('/api/v1/visit-exceptions/confirmations', {
    summary: 'Confirm an exception as it is, with the reason',
    body: ConfirmVisitExceptionBody,
    response: Type.Object({ key: Type.String() }),
    status: 201,
    handle: callUseCase(confirmVisitException, inputFrom.body),
  });

  routes.post('/api/v1/visits/approvals', {
    summary: 'Approve a staff member’s day or a customer’s week: every visit in it becomes approved',
    body: ApproveVisitsBody,
    response: ApprovalResult,
    handle: callUseCase(approveVisits, inputFrom.body),
  });
}
