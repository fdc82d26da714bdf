// Webhook rules (docs/webhooks.md): which event types a subscriber's scope may receive, whom an
// event concerns, the receiver URL, retries with exponential backoff and jitter, and when a
// subscription that keeps failing is disabled. Pure: the clock and the random draw are passed in.
import type { ScopeKind } from '../platform/policy';

export const webhookEventTypes = [
  'key.blocked',
  'lock.battery_low',
  'lock.block_list_lagging',
  'visit.exception',
  'work_order.changed',
  'emergency.opened',
  'consent.answered',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** The scopes a subscription can have: the subscriber's own (work lead: provider, owner: owner). */
export type WebhookScopeKind = Extract<ScopeKind, 'municipality' | 'provider' | 'owner'>;

/**
 * What each kind of subscriber may subscribe to: what it could read over the API. A provider's
 * keys, its customers' visits and emergencies; a property owner's shared-door locks, the work
 * orders at them and its own consent answers, never anything about apartment doors (R2.7).
 */
export const webhookEventTypesOfScope: Record<WebhookScopeKind, readonly WebhookEventType[]> = {
  municipality: webhookEventTypes,
  provider: ['key.blocked', 'visit.exception', 'emergency.opened'],
  owner: ['lock.battery_low', 'lock.block_list_lagging', 'work_order.changed', 'consent.answered'],
};

/** Whom an event concerns besides the municipality: these providers and property owners. */
export interface WebhookAudience {
  providerIds: string[];
  propertyOwnerIds: string[];
}

export interface WebhookSubscriber {
  scopeKind: WebhookScopeKind;
  providerId: string | null;
  propertyOwnerId: string | null;
  eventTypes: readonly string[];
}

/** Returns whether `subscriber` receives an event of `type` concerning `audience`. */
export function isEventForSubscriber(
  subscriber: WebhookSubscriber,
  type: WebhookEventType,
  audience: WebhookAudience,
): boolean {
  if (!subscriber.eventTypes.includes(type)) return false;
  if (!webhookEventTypesOfScope[subscriber.scopeKind].includes(type)) return false;
  if (subscriber.scopeKind === 'municipality') return true;
  if (subscriber.scopeKind === 'provider')
    return subscriber.providerId !== null && audience.providerIds.includes(subscriber.providerId);
  return (
    subscriber.propertyOwnerId !== null && audience.propertyOwnerIds.includes(subscriber.propertyOwnerId)
  );
}

export interface WebhookRefusal {
  code: 'webhook_url_invalid' | 'webhook_event_type_not_allowed';
  field: string;
  message: string;
}

/** Refuses event types the scope may not receive (or none at all). */
export function judgeWebhookEventTypes(
  scopeKind: WebhookScopeKind,
  types: readonly string[],
): WebhookRefusal | null {
  const allowed = webhookEventTypesOfScope[scopeKind] as readonly string[];
  const refused = types.filter((type) => !allowed.includes(type));
  if (types.length === 0 || refused.length > 0)
    return {
      code: 'webhook_event_type_not_allowed',
      field: 'eventTypes',
      message:
        types.length === 0
          ? 'Choose at least one event type.'
          : `Not an event type you may subscribe to: ${refused.join(', ')} (allowed: ${allowed.join(', ')}).`,
    };
  return null;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * A receiver must be https. Plain http only to this machine (tests, development) and only when
 * the server allows it: events leave the municipality's network, and a loopback receiver in
 * production would let a subscriber reach the server's own neighbours.
 */
export function judgeWebhookUrl(url: string, isLoopbackAllowed: boolean): WebhookRefusal | null {
  const refuse = (message: string): WebhookRefusal => ({
    code: 'webhook_url_invalid',
    field: 'url',
    message,
  });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('Not a URL.');
  }
  if (parsed.username || parsed.password)
    return refuse('A receiver URL may not carry a user name or password.');
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol !== 'http:') return refuse('A receiver URL must start with https://.');
  if (!loopbackHosts.has(parsed.hostname)) return refuse('A receiver URL must use https.');
  if (!isLoopbackAllowed)
    return refuse('http to this machine is allowed only when the server allows it (development).');
  return null;
}

/** The first retry's wait, and the longest wait between attempts. */
export const webhookRetryBaseMs = 30_000;
export const webhookRetryMaxMs = 60 * 60 * 1000;
/** A subscription whose deliveries have all failed for this long is disabled. */
export const webhookDisableAfterMs = 24 * 60 * 60 * 1000;
/** How long the receiver has to answer. */
export const webhookTimeoutMs = 10_000;

/**
 * Milliseconds until the next attempt after `failedAttempts` failures: 30 s, 1 min, 2 min, … up
 * to an hour, each stretched by up to a fifth at random (`random` in [0, 1)), so receivers
 * coming back after an outage are not hit by every sender at the same instant.
 */
export function computeWebhookRetryDelayMs(failedAttempts: number, random: number): number {
  const exponential = webhookRetryBaseMs * 2 ** Math.max(0, failedAttempts - 1);
  const delay = Math.min(exponential, webhookRetryMaxMs);
  return Math.round(delay * (1 + 0.2 * random));
}

/** Returns whether a subscription failing since `failingSince` is to be disabled at `now`. */
export function isSubscriptionToDisable(failingSince: Date | null, now: Date): boolean {
  return failingSince !== null && now.getTime() - failingSince.getTime() >= webhookDisableAfterMs;
}

/** Whether an HTTP status counts as delivered (Standard Webhooks: any 2xx). */
export function isDeliveredStatus(status: number): boolean {
  return status >= 200 && status < 300;
}

/** A lock that has not reported a block list holding a key blocked this long ago is lagging (R1.6). */
export const webhookBlockListLagMs = 24 * 60 * 60 * 1000;
