import { describe, expect, it } from 'vitest';
import { deriveWebhookEvent } from './webhook-events';
import {
  computeWebhookRetryDelayMs,
  isEventForSubscriber,
  isSubscriptionToDisable,
  judgeWebhookEventTypes,
  judgeWebhookUrl,
  webhookRetryMaxMs,
} from './webhook-rules';

describe('webhook rules', () => {
  it('doubles the wait from 30 s up to an hour, stretched by at most a fifth', () => {
    expect([1, 2, 3, 4].map((n) => computeWebhookRetryDelayMs(n, 0))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
    expect(computeWebhookRetryDelayMs(30, 0)).toBe(webhookRetryMaxMs);
    expect(computeWebhookRetryDelayMs(1, 0.999)).toBeLessThanOrEqual(36_000);
    expect(computeWebhookRetryDelayMs(1, 0.5)).toBe(33_000);
  });

  it('disables after a full day of failures, not before', () => {
    const since = new Date('2027-01-01T00:00:00Z');
    expect(isSubscriptionToDisable(since, new Date('2027-01-01T23:59:59Z'))).toBe(false);
    expect(isSubscriptionToDisable(since, new Date('2027-01-02T00:00:00Z'))).toBe(true);
    expect(isSubscriptionToDisable(null, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('takes https, and http only to loopback when allowed', () => {
    expect(judgeWebhookUrl('https://example.org/hook', false)).toBeNull();
    expect(judgeWebhookUrl('http://127.0.0.1:8080/hook', true)).toBeNull();
    expect(judgeWebhookUrl('http://localhost/hook', true)).toBeNull();
    for (const [url, allowed] of [
      ['http://127.0.0.1:8080/hook', false],
      ['http://10.0.0.1/hook', true],
      ['ftp://example.org/', true],
      ['file:///etc/passwd', true],
      ['https://user:pw@example.org/', true],
      ['nonsense', true],
    ] as const)
      expect(judgeWebhookUrl(url, allowed)?.code, url).toBe('webhook_url_invalid');
  });

  it('lets each scope subscribe only to what it may read', () => {
    expect(judgeWebhookEventTypes('provider', ['key.blocked', 'visit.exception'])).toBeNull();
    expect(judgeWebhookEventTypes('provider', ['lock.battery_low'])?.code).toBe(
      'webhook_event_type_not_allowed',
    );
    expect(judgeWebhookEventTypes('owner', ['emergency.opened'])?.code).toBe(
      'webhook_event_type_not_allowed',
    );
    expect(judgeWebhookEventTypes('municipality', [])?.code).toBe('webhook_event_type_not_allowed');
    const provider = {
      scopeKind: 'provider' as const,
      providerId: 'p1',
      propertyOwnerId: null,
      eventTypes: ['key.blocked'],
    };
    const audience = { providerIds: ['p1'], propertyOwnerIds: [] };
    expect(isEventForSubscriber(provider, 'key.blocked', audience)).toBe(true);
    expect(isEventForSubscriber({ ...provider, providerId: 'p2' }, 'key.blocked', audience)).toBe(false);
    expect(isEventForSubscriber(provider, 'emergency.opened', audience)).toBe(false);
  });

  it('derives a blocked key only from the change that blocks it', () => {
    const entry = (action: string, before: unknown, after: unknown) => ({
      action,
      entity: 'digital_key',
      entityId: 'k1',
      before,
      after,
    });
    expect(
      deriveWebhookEvent(
        entry('update', { status: 'active' }, { status: 'lost', providerId: 'p1', statusReason: 'x' }),
      ),
    ).toEqual({ type: 'key.blocked', data: { keyId: 'k1', providerId: 'p1', status: 'lost', reason: 'x' } });
    expect(deriveWebhookEvent(entry('update', { status: 'blocked' }, { status: 'blocked' }))).toBeNull();
    expect(deriveWebhookEvent(entry('update', { status: 'blocked' }, { status: 'active' }))).toBeNull();
    expect(deriveWebhookEvent(entry('activate', { status: 'active' }, { status: 'blocked' }))).toBeNull();
    expect(
      deriveWebhookEvent({
        action: 'create',
        entity: 'emergency_opening',
        entityId: 'e1',
        before: null,
        after: {},
      })?.type,
    ).toBe('emergency.opened');
    expect(
      deriveWebhookEvent({
        action: 'login',
        entity: 'user_session',
        entityId: 'u',
        before: null,
        after: null,
      }),
    ).toBeNull();
  });
});
