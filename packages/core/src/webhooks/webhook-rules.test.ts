import { describe, expect, it } from 'vitest';
import { deriveWebhookEvent } from './webhook-events';
import {
  computeWebhookRetryDelayMs,
  isEventForSubscriber,
  isLoopbackName,
  isSubscriptionToDisable,
  isWebhookReachAllowed,
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

  // The server reads an address's reach with ipaddr.js (server/src/webhooks/webhook-address.ts); here a table.
  const reachOf = (host: string) =>
    (
      ({
        '127.0.0.1': 'loopback',
        '[::1]': 'loopback',
        '10.0.0.1': 'internal',
        '10.0.0.5': 'internal',
        '169.254.169.254': 'internal',
        '[fd00::1]': 'internal',
        '0.0.0.0': 'internal',
        '93.184.215.14': 'public',
      }) as const
    )[host] ?? null;

  it('takes https, and http only to loopback when allowed', () => {
    expect(judgeWebhookUrl('https://example.org/hook', false, reachOf)).toBeNull();
    expect(judgeWebhookUrl('http://127.0.0.1:8080/hook', true, reachOf)).toBeNull();
    expect(judgeWebhookUrl('http://localhost/hook', true, reachOf)).toBeNull();
    for (const [url, allowed] of [
      ['http://127.0.0.1:8080/hook', false],
      ['http://10.0.0.1/hook', true],
      ['ftp://example.org/', true],
      ['file:///etc/passwd', true],
      ['https://user:pw@example.org/', true],
      ['nonsense', true],
    ] as const)
      expect(judgeWebhookUrl(url, allowed, reachOf)?.code, url).toBe('webhook_url_invalid');
  });

  it('refuses a receiver on this machine or the server’s network, loopback only when allowed', () => {
    for (const url of [
      'https://127.0.0.1:8212/x',
      'https://localhost/x',
      'https://LocalHost./x',
      'https://api.localhost/x',
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.5/hook',
      'https://[fd00::1]/hook',
      'https://[::1]/hook',
      'https://0.0.0.0/hook',
    ])
      expect(judgeWebhookUrl(url, false, reachOf)?.code, url).toBe('webhook_url_internal');
    // The test flag lets loopback through, never the rest of the network.
    expect(judgeWebhookUrl('https://127.0.0.1:8212/x', true, reachOf)).toBeNull();
    expect(judgeWebhookUrl('https://localhost/x', true, reachOf)).toBeNull();
    expect(judgeWebhookUrl('https://10.0.0.5/hook', true, reachOf)?.code).toBe('webhook_url_internal');
    expect(judgeWebhookUrl('https://169.254.169.254/x', true, reachOf)?.code).toBe('webhook_url_internal');
    // A public address, or a name (checked when it is resolved), is taken.
    expect(judgeWebhookUrl('https://93.184.215.14/hook', false, reachOf)).toBeNull();
    expect(judgeWebhookUrl('https://receiver.example.org/hook', false, reachOf)).toBeNull();
    expect(isWebhookReachAllowed('public', false)).toBe(true);
    expect(isWebhookReachAllowed('loopback', false)).toBe(false);
    expect(isWebhookReachAllowed('loopback', true)).toBe(true);
    expect(isWebhookReachAllowed('internal', true)).toBe(false);
    expect(['localhost', 'a.b.localhost.', 'notlocalhost'].map(isLoopbackName)).toEqual([true, true, false]);
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
