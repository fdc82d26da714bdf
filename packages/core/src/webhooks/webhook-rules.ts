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
  code: 'webhook_url_invalid' | 'webhook_url_internal' | 'webhook_event_type_not_allowed';
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

/**
 * Where an address leads: the internet (`public`), this machine (`loopback`), or the server's own
 * network or a range that is no one's on the internet (`internal`: private RFC 1918 and
 * carrier-grade NAT, link-local with a cloud's metadata service at 169.254.169.254, unique-local
 * IPv6, unspecified, multicast, reserved …). The server tells it (core has no address parser).
 */
export type WebhookAddressReach = 'public' | 'loopback' | 'internal';

/** The reach of a host that is an IP address; null for a host name (checked when it is resolved). */
export type ReadAddressReach = (host: string) => WebhookAddressReach | null;

/** Names that are this machine whatever DNS says (RFC 6761): `localhost` and every name under it. */
export function isLoopbackName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * Whether the server may connect to an address of `reach`: only the internet, and this machine
 * only when the server allows loopback receivers (tests, development). Otherwise a subscriber
 * could make the server call its own neighbours and read from the delivery log which answer.
 */
export function isWebhookReachAllowed(reach: WebhookAddressReach, isLoopbackAllowed: boolean): boolean {
  return reach === 'public' || (reach === 'loopback' && isLoopbackAllowed);
}

/**
 * A receiver must be https, on the internet. Plain http only to this machine (tests, development)
 * and only when the server allows it. A host that is an address on this machine or the server's
 * network (or `localhost`) is refused here; a host name is checked again each time it is
 * resolved for a delivery, since DNS may answer differently later (rebinding).
 */
export function judgeWebhookUrl(
  url: string,
  isLoopbackAllowed: boolean,
  readAddressReach: ReadAddressReach,
): WebhookRefusal | null {
  const refuse = (message: string, code: WebhookRefusal['code'] = 'webhook_url_invalid'): WebhookRefusal => ({
    code,
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
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return refuse('A receiver URL must start with https://.');
  // The WHATWG parser writes every form of an address one way (0x7f.1 is 127.0.0.1).
  const reach = isLoopbackName(parsed.hostname) ? 'loopback' : readAddressReach(parsed.hostname);
  if (parsed.protocol === 'http:') {
    if (reach !== 'loopback') return refuse('A receiver URL must use https.');
    if (!isLoopbackAllowed)
      return refuse('http to this machine is allowed only when the server allows it (development).');
    return null;
  }
  if (reach !== null && !isWebhookReachAllowed(reach, isLoopbackAllowed))
    return refuse(
      'A receiver must be on the internet: not this machine, a private, link-local or unique-local address, or localhost.',
      'webhook_url_internal',
    );
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
