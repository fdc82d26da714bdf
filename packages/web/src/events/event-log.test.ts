import { describe, expect, it } from 'vitest';
import { endOfLocalDay, startOfLocalDay } from './event-log';
import { useTimeZone } from '../shared/time-zone.testing';

describe('the event log’s period of local days', () => {
  it('runs from the first day’s local midnight to the midnight after the last day', () => {
    useTimeZone('Europe/Stockholm');
    expect(startOfLocalDay('2026-03-04')).toBe('2026-03-03T23:00:00.000Z');
    expect(endOfLocalDay('2026-03-04')).toBe('2026-03-04T23:00:00.000Z');
    // The night the clocks go forward is 23 hours long.
    expect(startOfLocalDay('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
    expect(endOfLocalDay('2026-03-29')).toBe('2026-03-29T22:00:00.000Z');
  });

  it('gives no bound for what is not a day', () => {
    for (const value of ['', '2026-03', 'igår', '2026-03-04T10:00']) {
      expect(startOfLocalDay(value)).toBeUndefined();
      expect(endOfLocalDay(value)).toBeUndefined();
    }
  });
});
