// Emergency opening (R9.2, docs/support.md "Emergency opening") for logged-in actors: report,
// board, assign a contracted locksmith, door opened, close, follow-up, the SLA view, and the
// locksmith companies' on-call contacts. The locksmith's public arrival page is
// emergency-arrival.routes.ts.
import {
  AssignEmergencyBody,
  CloseEmergencyBody,
  EmergencyAssignment,
  EmergencyFollowUpBody,
  EmergencyOpening,
  EmergencyOpeningList,
  EmergencyOpeningQuery,
  EmergencySlaQuery,
  EmergencySlaReport,
  EmergencyTargetList,
  EmergencyTargetQuery,
  EmergencyVersionBody,
  OnCallContact,
  OnCallContactBody,
  OnCallContactList,
  ReportEmergencyBody,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { type AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { callWithLinkMailing } from '../platform/route-link-mailing';
import { assignEmergencyLocksmith } from './assign-emergency-locksmith';
import { addOnCallContact } from './add-on-call-contact';
import { endOnCallContactOf } from './end-on-call-contact';
import { listEmergencyOpenings } from './list-emergency-openings';
import { listEmergencyTargets } from './list-emergency-targets';
import { listOnCallContacts } from './list-on-call-contacts';
import { readEmergencyOpening } from './read-emergency-opening';
import { openEmergencyFollowUp } from './open-emergency-follow-up';
import { readEmergencySla } from './read-emergency-sla';
import { recordEmergencyStep } from './record-emergency-step';
import { reportEmergencyOpening } from './report-emergency-opening';

export const emergencyRouteTemplates = [
  'GET /api/v1/emergency-openings',
  'POST /api/v1/emergency-openings',
  'GET /api/v1/emergency-openings/{id}',
  'GET /api/v1/emergency-targets',
  'POST /api/v1/emergency-openings/{id}/assign',
  'POST /api/v1/emergency-openings/{id}/door-opened',
  'POST /api/v1/emergency-openings/{id}/close',
  'POST /api/v1/emergency-openings/{id}/follow-up',
  'GET /api/v1/emergency-sla',
  'GET /api/v1/locksmith-companies/{id}/on-call-contacts',
  'POST /api/v1/locksmith-companies/{id}/on-call-contacts',
  'POST /api/v1/locksmith-companies/{id}/on-call-contacts/{contactId}/end',
];

export function registerEmergencyRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['emergency'], context, pathParams: 'uuid' });

  routes.get('/api/v1/emergency-openings', {
    summary: 'Emergency openings, open ones by deadline; each flagged near (<15 min) or overdue',
    querystring: EmergencyOpeningQuery,
    response: EmergencyOpeningList,
    handle: callUseCase(listEmergencyOpenings, inputFrom.query),
  });

  routes.post('/api/v1/emergency-openings', {
    summary: 'Report that staff cannot get in at a door (any hour): an urgent emergency support case',
    body: ReportEmergencyBody,
    response: EmergencyOpening,
    status: 201,
    handle: callUseCase(reportEmergencyOpening, inputFrom.body),
  });

  routes.get('/api/v1/emergency-targets', {
    summary: 'Customers one may report for, with the doors on their way in (the report form)',
    querystring: EmergencyTargetQuery,
    response: EmergencyTargetList,
    handle: callUseCase(listEmergencyTargets, inputFrom.query),
  });

  routes.get('/api/v1/emergency-openings/:id', {
    summary: 'One emergency opening',
    response: EmergencyOpening,
    handle: callUseCase(readEmergencyOpening, inputFrom.params),
  });

  routes.post('/api/v1/emergency-openings/:id/assign', {
    summary:
      'Assign a contracted locksmith: fixes the deadline, mails the single-use arrival link (returned once)',
    body: AssignEmergencyBody,
    response: EmergencyAssignment,
    handle: callWithLinkMailing(context, app.log, (mailing) =>
      callUseCase(assignEmergencyLocksmith, inputFrom.idWith('change'), mailing),
    ),
  });

  routes.post('/api/v1/emergency-openings/:id/door-opened', {
    summary: 'The door is open (after the locksmith is on site)',
    body: EmergencyVersionBody,
    response: EmergencyOpening,
    handle: async ({ request, options }) =>
      recordEmergencyStep({
        ...options,
        input: { id: request.params.id, step: 'door_opened', change: request.body },
      }),
  });

  routes.post('/api/v1/emergency-openings/:id/close', {
    summary: 'Close the emergency with its cause; resolves its support case',
    body: CloseEmergencyBody,
    response: EmergencyOpening,
    handle: async ({ request, options }) =>
      recordEmergencyStep({
        ...options,
        input: { id: request.params.id, step: 'close', change: request.body },
      }),
  });

  routes.post('/api/v1/emergency-openings/:id/follow-up', {
    summary: 'Open a follow-up: a work order on the door (battery or repair by cause) or a support case',
    body: EmergencyFollowUpBody,
    response: EmergencyOpening,
    handle: callUseCase(openEmergencyFollowUp, inputFrom.idWith('change')),
  });

  routes.get('/api/v1/emergency-sla', {
    summary:
      'The SLA view: per month and locksmith, share on site in time, median, 90th percentile, breaches',
    querystring: EmergencySlaQuery,
    response: EmergencySlaReport,
    handle: callUseCase(readEmergencySla, inputFrom.query),
  });

  routes.get('/api/v1/locksmith-companies/:id/on-call-contacts', {
    summary: 'A locksmith company’s current on-call contacts in call order',
    response: OnCallContactList,
    handle: callUseCase(listOnCallContacts, inputFrom.idAs('companyId')),
  });

  routes.post('/api/v1/locksmith-companies/:id/on-call-contacts', {
    summary: 'Add an on-call contact (name, phone, e-mail for the arrival link, call order)',
    body: OnCallContactBody,
    response: OnCallContact,
    status: 201,
    handle: callUseCase(addOnCallContact, inputFrom.idWith('fields', 'companyId')),
  });

  routes.post('/api/v1/locksmith-companies/:id/on-call-contacts/:contactId/end', {
    summary: 'End an on-call contact (kept on record)',
    response: OnCallContact,
    handle: async ({ request, options }) =>
      endOnCallContactOf({
        ...options,
        input: { companyId: request.params.id, contactId: request.params.contactId },
      }),
  });
}
