// The customer's lock consent (R6.2), provider introductions (R8.4) and whether locks are in use:
// docs/work-orders.md "Triggers, consent and introductions". The use cases are one file each here.
import {
  CustomerLockStatus,
  LockConsentBody,
  LockConsentHistory,
  LockConsentResult,
  LockUsage,
  ProviderIntroduction,
  ProviderIntroductionBody,
  ProviderIntroductionList,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { type AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { introduceProvider } from './introduce-provider';
import { listLockConsents } from './list-lock-consents';
import { listProviderIntroductions } from './list-provider-introductions';
import { readCustomerLockStatus } from './read-customer-lock-status';
import { readLockUsage } from './read-lock-usage';
import { recordLockConsent } from './record-lock-consent';
import { removeProviderIntroduction } from './remove-provider-introduction';

/** Route templates this file adds (role × scope in lock-consent.test.ts). */
export const lockConsentRouteTemplates = [
  'POST /api/v1/customers/{id}/lock-consents',
  'GET /api/v1/customers/{id}/lock-consents',
  'GET /api/v1/customers/{id}/lock-status',
  'GET /api/v1/locks/{id}/usage',
  'POST /api/v1/provider-introductions',
  'GET /api/v1/provider-introductions',
  'DELETE /api/v1/provider-introductions/{customerId}/{providerId}',
];

export function registerLockConsentRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['lock consent'], context, pathParams: 'uuid' });

  routes.post('/api/v1/customers/:id/lock-consents', {
    summary: 'Record the customer’s consent to a lock, or their refusal (R6.2)',
    description:
      'Appends a decision with the day and how it was given. `refused` and `withdrawn` set the customer’s `hasRefusedLock` and cancel their install orders on their own doors (apartment door, key safe) that have not started; they are refused with 409 `customer_has_access_path` while the customer’s access path has doors. `consented` clears the flag. 422 `date_in_future` for a day after today; 404 for a customer outside the actor’s scope.',
    body: LockConsentBody,
    response: LockConsentResult,
    status: 201,
    permission: ['lock_consent', 'create'],
    handle: callUseCase(recordLockConsent, inputFrom.idWith('consent', 'customerId')),
  });

  routes.get('/api/v1/customers/:id/lock-consents', {
    summary: 'The customer’s consents and refusals, newest first',
    response: LockConsentHistory,
    permission: ['lock_consent', 'read'],
    handle: callUseCase(listLockConsents, inputFrom.idAs('customerId')),
  });

  routes.get('/api/v1/customers/:id/lock-status', {
    summary: 'The locks on the customer’s way in, whether each is in use, and providers not yet introduced',
    response: CustomerLockStatus,
    permission: ['customer', 'read'],
    handle: callUseCase(readCustomerLockStatus, inputFrom.idAs('customerId')),
  });

  routes.get('/api/v1/locks/:id/usage', {
    summary: 'Whether the lock is in use today (R8.4)',
    description:
      'In use when at least one customer served today has the lock’s door on their way in and every provider serving such a customer is introduced. The counts describe who lives behind the door, so only roles that read every customer may ask (403 otherwise; property owners never: R2.7).',
    response: LockUsage,
    permission: ['lock_device', 'read'],
    handle: callUseCase(readLockUsage, inputFrom.idAs('lockId')),
  });

  routes.post('/api/v1/provider-introductions', {
    summary: 'Record that a provider is introduced to a customer’s locks (R8.4)',
    description:
      'A work lead introduces only their own provider (403) for a customer it serves (404 otherwise). 422 `provider_not_serving` when the provider has no current or agreed service for the customer, `date_in_future` for a day after today; 409 `already_exists` when already introduced.',
    body: ProviderIntroductionBody,
    response: ProviderIntroduction,
    status: 201,
    permission: ['provider_introduction', 'create'],
    handle: callUseCase(introduceProvider, inputFrom.body),
  });

  routes.get('/api/v1/provider-introductions', {
    summary: 'Providers introduced to customers (a work lead: their own provider’s)',
    querystring: Type.Object(
      {
        customerId: Type.Optional(Type.String({ format: 'uuid' })),
        providerId: Type.Optional(Type.String({ format: 'uuid' })),
      },
      { additionalProperties: false },
    ),
    response: ProviderIntroductionList,
    permission: ['provider_introduction', 'read'],
    handle: callUseCase(listProviderIntroductions, inputFrom.query),
  });

  routes.delete('/api/v1/provider-introductions/:customerId/:providerId', {
    summary: 'Remove an introduction recorded by mistake',
    response: Type.Null({ description: 'Removed.' }),
    status: 204,
    permission: ['provider_introduction', 'delete'],
    handle: callUseCase(removeProviderIntroduction, inputFrom.params),
  });
}
