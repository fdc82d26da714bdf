// Webhook subscriptions, their delivery log and replay (docs/webhooks.md). Every route is scoped
// like the subscriber: a work lead reaches its provider's subscriptions, a property owner its own,
// the municipality admin all; anything else is 404.
import {
  CreateWebhookBody,
  UpdateWebhookBody,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookSubscription,
  WebhookSubscriptionList,
  WebhookSubscriptionWithSecret,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import type { AppContext } from '../platform/context';
import { declareResourceRoutes } from '../platform/declare-resource-routes';
import { declareRoutes } from '../platform/declare-routes';
import { createWebhookSubscription } from './create-webhook-subscription';
import { listWebhookDeliveries } from './list-webhook-deliveries';
import { listWebhookSubscriptions, readWebhookSubscription } from './list-webhook-subscriptions';
import { replayWebhookDelivery } from './replay-webhook-delivery';
import { rotateWebhookSecret } from './rotate-webhook-secret';
import { updateWebhookSubscription } from './update-webhook-subscription';

/** Route templates this file adds (role × scope in webhooks.test.ts). */
export const webhookRouteTemplates = [
  'GET /api/v1/webhooks',
  'POST /api/v1/webhooks',
  'GET /api/v1/webhooks/{id}',
  'PATCH /api/v1/webhooks/{id}',
  'POST /api/v1/webhooks/{id}/rotate-secret',
  'GET /api/v1/webhooks/{id}/deliveries',
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/replay',
];

export function registerWebhookRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['webhooks'], context, pathParams: 'uuid' });
  const { fieldCrypto } = context;

  const subscriptions = declareResourceRoutes(routes, '/api/v1/webhooks', 'webhook_subscription');

  subscriptions.list({
    summary: 'Webhook subscriptions in your scope',
    description: 'A work lead sees its provider’s, a property owner its own, the municipality admin all.',
    response: WebhookSubscriptionList,
    useCase: listWebhookSubscriptions,
  });

  subscriptions.create({
    summary: 'Subscribe a receiver to events (the signing secret is shown only in this answer)',
    description:
      'Scoped like the subscriber: a work lead’s subscription gets its provider’s events, a property owner’s its properties’. 422 `webhook_url_invalid` (https only; http to loopback where the server allows it), `webhook_event_type_not_allowed`.',
    body: CreateWebhookBody,
    response: WebhookSubscriptionWithSecret,
    useCase: createWebhookSubscription,
    extras: { fieldCrypto },
  });

  subscriptions.read({
    summary: 'A webhook subscription',
    response: WebhookSubscription,
    useCase: readWebhookSubscription,
  });

  subscriptions.update({
    summary: 'Change a subscription, or enable or disable it',
    description: 'Enabling clears the failure streak and the reason it was disabled.',
    body: UpdateWebhookBody,
    response: WebhookSubscription,
    useCase: updateWebhookSubscription,
  });

  subscriptions.step('rotate-secret', {
    summary: 'Replace the signing secret (the new one is shown only in this answer)',
    response: WebhookSubscriptionWithSecret,
    useCase: rotateWebhookSecret,
    extras: { fieldCrypto },
  });

  routes.get('/api/v1/webhooks/:id/deliveries', {
    summary: 'The delivery log: the newest 200 deliveries with every attempt',
    response: WebhookDeliveryList,
    permission: ['webhook_subscription', 'read'],
    handle: callUseCase(listWebhookDeliveries, inputFrom.params),
  });

  routes.post('/api/v1/webhooks/:id/deliveries/:deliveryId/replay', {
    summary: 'Send a failed delivery again (same webhook-id and body)',
    description: '409 `webhook_delivery_not_failed` unless the delivery failed.',
    response: WebhookDelivery,
    permission: ['webhook_subscription', 'update'],
    handle: callUseCase(replayWebhookDelivery, inputFrom.params),
  });
}
