import type { WebhookAttemptOutcome, WebhookDelivery, WebhookSubscription } from '@portvakt/contract';
import type { WebhookDeliveryRow, WebhookSubscriptionRow } from '@portvakt/storage';

export function presentWebhookSubscription(row: WebhookSubscriptionRow): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes as WebhookSubscription['eventTypes'],
    scopeKind: row.scopeKind,
    providerId: row.providerId,
    propertyOwnerId: row.propertyOwnerId,
    isEnabled: row.isEnabled,
    disabledReason: row.disabledReason,
    disabledBy: row.disabledBy,
    disabledByName: row.disabledByName,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    failingSince: row.failingSince?.toISOString() ?? null,
    createdBy: row.createdBy,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The body a delivery sends (Standard Webhooks: `{type, timestamp, data}`), the same on every attempt. */
export function makeWebhookPayload(event: { eventType: string; occurredAt: Date; data: unknown }): {
  type: string;
  timestamp: string;
  data: unknown;
} {
  return { type: event.eventType, timestamp: event.occurredAt.toISOString(), data: event.data };
}

export function presentWebhookDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType as WebhookDelivery['eventType'],
    occurredAt: row.occurredAt.toISOString(),
    status: row.status,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    payload: makeWebhookPayload(row),
    attempts: row.attempts.map((attempt) => ({
      attemptedAt: new Date(attempt.attemptedAt).toISOString(),
      outcome: attempt.outcome as WebhookAttemptOutcome,
      statusCode: attempt.statusCode,
      durationMs: attempt.durationMs,
    })),
  };
}
