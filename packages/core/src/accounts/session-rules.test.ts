import { describe, expect, it } from 'vitest';
import { isLastSeenStale, isSessionIdle, sessionExpiresAt } from './session-rules';

const login = Date.parse('2026-03-01T08:00:00Z');
const minutes = (n: number) => n * 60_000;

describe('session lifetime', () => {
  it('ends 12 hours after login at the latest', () => {
    expect(sessionExpiresAt(login).toISOString()).toBe('2026-03-01T20:00:00.000Z');
  });

  it('ends after more than 2 hours without use', () => {
    const lastSeen = new Date(login);
    expect(isSessionIdle(lastSeen, login + minutes(120))).toBe(false);
    expect(isSessionIdle(lastSeen, login + minutes(120) + 1)).toBe(true);
  });

  it('records a use only when the last recorded one is over a minute old', () => {
    const lastSeen = new Date(login);
    expect(isLastSeenStale(lastSeen, login + minutes(1))).toBe(false);
    expect(isLastSeenStale(lastSeen, login + minutes(1) + 1)).toBe(true);
  });
});
