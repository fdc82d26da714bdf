// Property owners' contacts and contact log, consent requests, their letter, withdrawals and the
// reminder run (docs/consents.md), for logged-in actors; the e-service behind a link is
// consent-link.routes.ts.
import {
  ConsentReminderRun,
  ConsentRequest,
  ConsentRequestList,
  ConsentRequestQuery,
  CreateConsentRequestBody,
  OwnerContact,
  OwnerContactBody,
  OwnerContactList,
  OwnerContactLog,
  OwnerContactLogBody,
  OwnerContactLogEntry,
  OwnerContactPatch,
  RecordWithdrawalBody,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { readClock, type AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { pdfType, sendDownload } from '../platform/downloads';
import { readLinkMailing } from '../platform/mail';
import { callWithLinkMailing } from '../platform/route-link-mailing';
import { createConsentRequest } from './create-consent-request';
import { listConsentRequests, readConsentRequest } from './list-consent-requests';
import { listOwnerContacts } from './list-owner-contacts';
import { addOwnerContactLogEntry, listOwnerContactLog } from './owner-contact-log';
import { readConsentLetter } from './read-consent-letter';
import { recordConsentWithdrawal } from './record-consent-withdrawal';
import { saveOwnerContact } from './save-owner-contact';
import { sendConsentReminders } from './send-consent-reminders';

export const consentRouteTemplates = [
  'GET /api/v1/property-owners/{id}/contacts',
  'POST /api/v1/property-owners/{id}/contacts',
  'PATCH /api/v1/property-owners/{id}/contacts/{contactId}',
  'GET /api/v1/property-owners/{id}/contact-log',
  'POST /api/v1/property-owners/{id}/contact-log',
  'GET /api/v1/consent-requests',
  'POST /api/v1/consent-requests',
  'GET /api/v1/consent-requests/{id}',
  'GET /api/v1/consent-requests/{id}/letter.pdf',
  'POST /api/v1/consent-requests/{id}/withdrawals',
  'POST /api/v1/consent-requests/reminders',
];

export function registerConsentRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['consents'], context, pathParams: 'uuid' });
  const db = context.pool;

  routes.get('/api/v1/property-owners/:id/contacts', {
    summary: 'A property owner’s contacts, the primary first',
    response: OwnerContactList,
    handle: callUseCase(listOwnerContacts, inputFrom.idAs('ownerId')),
  });

  routes.post('/api/v1/property-owners/:id/contacts', {
    summary: 'Add a contact to a property owner (one may be primary)',
    body: OwnerContactBody,
    response: OwnerContact,
    status: 201,
    handle: callUseCase(saveOwnerContact, inputFrom.idWith('fields', 'ownerId')),
  });

  routes.patch('/api/v1/property-owners/:id/contacts/:contactId', {
    summary: 'Change a property owner’s contact',
    body: OwnerContactPatch,
    response: OwnerContact,
    handle: async ({ request, options }) =>
      saveOwnerContact({
        ...options,
        input: { ownerId: request.params.id, contactId: request.params.contactId, fields: request.body },
      }),
  });

  routes.get('/api/v1/property-owners/:id/contact-log', {
    summary: 'Letters, calls, e-mails and meetings with a property owner, newest first (municipality only)',
    response: OwnerContactLog,
    handle: callUseCase(listOwnerContactLog, inputFrom.idAs('ownerId')),
  });

  routes.post('/api/v1/property-owners/:id/contact-log', {
    summary: 'Add a contact with a property owner and its outcome to the log',
    description:
      'The log is append-only and newest first, so a contact is logged after it was made: 422 `date_in_future` (`details.field` `at`) for an `at` after now by the server’s clock (a minute’s grace for the client’s clock), and an `at` outside the years 1900–2999 is 400 `validation_failed`; nothing is stored.',
    body: OwnerContactLogBody,
    response: OwnerContactLogEntry,
    status: 201,
    handle: callUseCase(addOwnerContactLogEntry, inputFrom.bodyWithId('ownerId')),
  });

  routes.get('/api/v1/consent-requests', {
    summary: 'Consent requests with each entrance’s status; a property owner sees their own',
    querystring: ConsentRequestQuery,
    response: ConsentRequestList,
    handle: callUseCase(listConsentRequests, inputFrom.query),
  });

  routes.post('/api/v1/consent-requests', {
    summary: 'Ask an owner’s contact for consent on a property’s entrances: mails a single-use link',
    body: CreateConsentRequestBody,
    response: ConsentRequest,
    status: 201,
    handle: callWithLinkMailing(context, app.log, (mailing) =>
      callUseCase(createConsentRequest, inputFrom.body, mailing),
    ),
  });

  routes.post('/api/v1/consent-requests/reminders', {
    summary: 'Send the reminders that are due now (the background job does this every hour)',
    response: ConsentReminderRun,
    permission: ['consent_request', 'update'],
    handle: async ({ request, actor }) =>
      sendConsentReminders({
        pool: db,
        ...readLinkMailing(context, app.log),
        now: readClock(context),
        municipalityId: actor.municipalityId,
        actor: {
          label: actor.label,
          userId: actor.kind === 'user' ? actor.id : null,
          tokenId: actor.kind === 'token' ? actor.id : null,
          role: actor.role,
        },
        requestId: request.id,
        log: (error, requestId) => request.log.error({ err: error, requestId }, 'consent reminder not sent'),
      }),
  });

  routes.get('/api/v1/consent-requests/:id', {
    summary: 'One consent request with each entrance’s status and answer',
    response: ConsentRequest,
    handle: callUseCase(readConsentRequest, inputFrom.params),
  });

  routes.get('/api/v1/consent-requests/:id/letter.pdf', {
    summary:
      'The consent letter (PDF, Swedish): why, how, cost, contact, lost keys, insurance; entrances only',
    handle: async ({ request, reply, options }) => {
      const pdf = await readConsentLetter({ ...options, input: { id: request.params.id } });
      return sendDownload(reply, {
        contentType: pdfType,
        fileName: `samtycke-${request.params.id}.pdf`,
        content: pdf,
      });
    },
  });

  routes.post('/api/v1/consent-requests/:id/withdrawals', {
    summary: 'Record that the owner withdrew consent for entrances of a request (stops new installs)',
    body: RecordWithdrawalBody,
    response: ConsentRequest,
    status: 201,
    handle: callUseCase(recordConsentWithdrawal, inputFrom.bodyWithId()),
  });
}
