// Webhooks (issue #15 item 3, docs/webhooks.md): subscriptions, deliveries and their attempts.
import { webhookEventTypes } from '@portvakt/core';
import { Type, type Static } from 'typebox';
import { orNull, recordedName, timestamp, uuid } from './schema-parts';

const eventType = () => Type.Enum([...webhookEventTypes]);
const receiverUrl = () =>
  Type.String({
    minLength: 1,
    maxLength: 2000,
    description: 'https, or http to loopback where the server allows it.',
  });

export const WebhookSubscription = Type.Object({
  id: uuid(),
  url: Type.String(),
  description: orNull(Type.String()),
  eventTypes: Type.Array(eventType()),
  scopeKind: Type.Enum(['municipality', 'provider', 'owner']),
  providerId: orNull(uuid()),
  propertyOwnerId: orNull(uuid()),
  isEnabled: Type.Boolean(),
  disabledReason: orNull(
    Type.String({ description: 'Why it was disabled (by whom, or after a day of failures).' }),
  ),
  disabledBy: orNull(
    Type.String({ description: 'Who disabled it; null when it was disabled after a day of failures.' }),
  ),
  disabledByName: recordedName('Their name, by the rule of `createdByName`.'),
  disabledAt: orNull(timestamp()),
  failingSince: orNull(timestamp()),
  createdBy: Type.String({ description: 'Who created it: the username, or token:<name> for an API token.' }),
  createdByName: recordedName(
    "The creator's name as people know them, while they belong to the subscriber or are the municipality's staff; null for a token or otherwise.",
  ),
  createdAt: timestamp(),
});
export type WebhookSubscription = Static<typeof WebhookSubscription>;

export const WebhookSubscriptionList = Type.Object({ items: Type.Array(WebhookSubscription) });
export type WebhookSubscriptionList = Static<typeof WebhookSubscriptionList>;

export const WebhookSubscriptionWithSecret = Type.Intersect([
  WebhookSubscription,
  Type.Object({
    secret: Type.String({ description: 'The signing secret (whsec_…), shown only now.' }),
  }),
]);
export type WebhookSubscriptionWithSecret = Static<typeof WebhookSubscriptionWithSecret>;

export const CreateWebhookBody = Type.Object(
  {
    url: receiverUrl(),
    eventTypes: Type.Array(eventType(), { minItems: 1, uniqueItems: true }),
    description: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type CreateWebhookBody = Static<typeof CreateWebhookBody>;

export const UpdateWebhookBody = Type.Object(
  {
    url: Type.Optional(receiverUrl()),
    eventTypes: Type.Optional(Type.Array(eventType(), { minItems: 1, uniqueItems: true })),
    description: Type.Optional(Type.String({ maxLength: 200 })),
    isEnabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateWebhookBody = Static<typeof UpdateWebhookBody>;

export const webhookDeliveryStatuses = ['pending', 'delivered', 'failed'] as const;

/**
 * How an attempt ended, coarsely (docs/webhooks.md "Delivery"): the receiver answered (its HTTP
 * status beside it), or it could not be reached and why in words a subscriber can act on. Not the
 * network library's error text: that would tell a subscriber which ports are open where.
 */
export const webhookAttemptOutcomes = [
  'answered',
  'timed_out',
  'could_not_connect',
  'tls_failure',
  'name_not_found',
  'address_not_allowed',
  'connection_failed',
] as const;
export type WebhookAttemptOutcome = (typeof webhookAttemptOutcomes)[number];

export const WebhookAttempt = Type.Object({
  attemptedAt: timestamp(),
  outcome: Type.Enum([...webhookAttemptOutcomes], {
    description:
      'answered (statusCode says what), timed_out, could_not_connect, tls_failure, name_not_found, address_not_allowed (the host is or resolves to this machine or a private, link-local or unique-local address), connection_failed.',
  }),
  statusCode: orNull(Type.Integer({ description: 'The receiver’s HTTP status when it answered.' })),
  durationMs: Type.Integer(),
});
export type WebhookAttempt = Static<typeof WebhookAttempt>;

export const WebhookDelivery = Type.Object({
  id: uuid(),
  eventId: Type.String({ description: 'The webhook-id header: the same on every attempt and replay.' }),
  eventType: eventType(),
  occurredAt: timestamp(),
  status: Type.Enum([...webhookDeliveryStatuses]),
  nextAttemptAt: orNull(timestamp()),
  payload: Type.Unknown({ description: 'The body sent: {type, timestamp, data}.' }),
  attempts: Type.Array(WebhookAttempt),
});
export type WebhookDelivery = Static<typeof WebhookDelivery>;

export const WebhookDeliveryList = Type.Object({ items: Type.Array(WebhookDelivery) });
export type WebhookDeliveryList = Static<typeof WebhookDeliveryList>;
