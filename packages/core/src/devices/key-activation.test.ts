import { describe, expect, it } from 'vitest';
import { isKeyActivatedNow, shiftHoursOf } from './key-activation';

const now = Date.parse('2026-03-02T12:00:00Z');

describe('whether a key is activated now', () => {
  it('needs an active key, an activation within the shift and an unexpired ticket', () => {
    const key = {
      status: 'active',
      lastActivationAt: '2026-03-02T06:00:00Z',
      ticketExpiresAt: '2026-03-04T00:00:00Z',
    };
    expect(isKeyActivatedNow(key, 12, now)).toBe(true);
    expect(isKeyActivatedNow({ ...key, status: 'blocked' }, 12, now)).toBe(false);
    expect(isKeyActivatedNow(key, 6, now)).toBe(false);
    expect(isKeyActivatedNow({ ...key, ticketExpiresAt: '2026-03-02T11:59:59Z' }, 12, now)).toBe(false);
    expect(isKeyActivatedNow({ ...key, lastActivationAt: null }, 12, now)).toBe(false);
  });

  it('takes the shift length from the settings, 12 hours by default', () => {
    expect(shiftHoursOf({ shiftHours: 8 })).toBe(8);
    expect(shiftHoursOf({})).toBe(12);
    expect(shiftHoursOf(undefined)).toBe(12);
  });
});
