import { describe, expect, it } from 'vitest';
import { checkWorkShiftTimes } from './work-shift-rules';

describe('work shift rules', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');
  const start = Date.parse('2026-03-09T06:00:00Z');
  const hours = (n: number) => n * 3_600_000;

  it('accepts a shift that has ended, up to a day long', () => {
    expect(checkWorkShiftTimes(start, start + hours(8), now)).toEqual([]);
    expect(checkWorkShiftTimes(start, start + hours(24), now)).toEqual([]);
  });

  it('refuses reversed, empty, over-long and future shifts with their codes', () => {
    const code = (from: number, to: number) => checkWorkShiftTimes(from, to, now).map((v) => v.code);
    expect(code(start, start - hours(1))).toEqual(['reversed_times']);
    expect(code(start, start)).toEqual(['reversed_times']);
    expect(code(start, start + hours(24) + 60_000)).toEqual(['shift_too_long']);
    expect(code(now - hours(2), now + hours(2))).toEqual(['shift_in_future']);
  });
});
