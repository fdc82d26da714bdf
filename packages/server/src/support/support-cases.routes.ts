// Support cases and support hours over HTTP (docs/support.md, docs/api.md "Support"). Each route
// calls one use case; scope is decided there and in storage.
import {
  NewSupportCaseBody,
  SupportCaseAssignees,
  SupportCaseDetail,
  SupportCaseNoteBody,
  SupportCasePage,
  SupportCasePatchBody,
  SupportCaseQuery,
  SupportHoursStatus,
} from '@portvakt/contract';
import { pickExplanationLanguage } from '@portvakt/core';
import type { FastifyInstance } from 'fastify';
import { type AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareResourceRoutes } from '../platform/declare-resource-routes';
import { declareRoutes } from '../platform/declare-routes';
import { createListCursors } from '../platform/list-cursor';
import { addSupportCaseNote } from './add-support-case-note';
import { listSupportCaseAssignees } from './list-support-case-assignees';
import { listSupportCases } from './list-support-cases';
import { raiseSupportCase } from './raise-support-case';
import { readSupportCase } from './read-support-case';
import { readSupportHours } from './read-support-hours';
import { updateSupportCase } from './update-support-case';

/** Route templates this file adds (role × scope in support-cases.test.ts). */
export const supportCaseRouteTemplates = [
  'GET /api/v1/support-cases',
  'POST /api/v1/support-cases',
  'GET /api/v1/support-cases/{id}',
  'PATCH /api/v1/support-cases/{id}',
  'POST /api/v1/support-cases/{id}/notes',
  'GET /api/v1/support-case-assignees',
  'GET /api/v1/support-hours',
];

export function registerSupportCaseRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['support'], context, pathParams: 'uuid' });
  const cursors = createListCursors(context.masterKey);

  const cases = declareResourceRoutes(routes, '/api/v1/support-cases', 'support_case');

  cases.list({
    summary: 'Support cases in your scope, newest first',
    description:
      'Providers see the cases their people raised, property owners their own, staff those they raised, installers those raised by or assigned to them or their company; support and the municipality all. `total` counts the matching cases in your scope.',
    querystring: SupportCaseQuery,
    response: SupportCasePage,
    useCase: listSupportCases,
    extras: { cursors },
  });

  routes.post('/api/v1/support-cases', {
    summary: 'Raise a support case',
    description:
      'Outside support hours: 422 `outside_support_hours` (only an emergency opening can be requested then). Once round-the-clock support is established (the municipality setting `roundTheClockSupportSince` on or before today, local time), or with hours of every day 00:00–24:00, support never closes and a case can be raised at any hour, public holidays included. Links must be in your reach: a kind your role may never link is 403, an id out of reach 404 like an unknown one. A door or lock named with a customer must be on that customer’s way in (a step of the access path, or their apartment door): 422 `door_not_of_customer` or `lock_not_of_customer` naming the field. A lock named with a door must sit on that door, customer named or not: 422 `lock_not_on_door`.',
    body: NewSupportCaseBody,
    response: SupportCaseDetail,
    status: 201,
    permission: ['support_case', 'create'],
    handle: async ({ request, options }) =>
      raiseSupportCase({
        ...options,
        input: request.body,
        language: pickExplanationLanguage(request.headers['accept-language']),
      }),
  });

  cases.read({
    summary: 'One support case with its timeline',
    response: SupportCaseDetail,
    useCase: readSupportCase,
  });

  cases.update({
    summary: 'Change the status, priority or assignee of a case at the version read',
    description:
      'A stale `version` is 409 `version_conflict`. Priority and assignee are for support, lock managers and municipality admins; the assignee must be one of those accounts (422 `invalid_assignee`).',
    body: SupportCasePatchBody,
    response: SupportCaseDetail,
    useCase: updateSupportCase,
  });

  routes.post('/api/v1/support-cases/:id/notes', {
    summary: 'Add a note to a case’s timeline',
    body: SupportCaseNoteBody,
    response: SupportCaseDetail,
    status: 201,
    permission: ['support_case', 'create'],
    handle: callUseCase(addSupportCaseNote, inputFrom.idWith('note')),
  });

  routes.get('/api/v1/support-case-assignees', {
    summary: 'Accounts a case can be assigned to (for support)',
    response: SupportCaseAssignees,
    handle: callUseCase(listSupportCaseAssignees, inputFrom.none),
  });

  routes.get('/api/v1/support-hours', {
    summary: 'Whether support is open now, its hours and the next opening (any logged-in role)',
    description:
      '`isRoundTheClock` is true once round-the-clock support is established (`roundTheClockSupportSince` on or before today, local time) or when the hours are every day 00:00–24:00; support is then open whatever the hours say, public holidays included, and `nextOpening` is null.',
    response: SupportHoursStatus,
    handle: callUseCase(readSupportHours, inputFrom.none),
  });
}
