import { describe, expect, it } from 'vitest';
import { createZoneClock } from '../access/time-windows';
import {
  checkVisitTimes,
  isVisitCounted,
  hasVisitHappened,
  judgeVisitChange,
  localMonthRange,
  monthLocksAt,
  readVisitSettings,
  visitStates,
} from './visit-rules';

const clock = createZoneClock('Europe/Stockholm');
const settings = { lockDay: 5, timeZone: 'Europe/Stockholm' };
const march = Date.parse('2026-03-31T22:30:00Z'); // 00:30 on 1 April in Stockholm: April's

describe('visit rules', () => {
  it('refuses reversed, over-long and future times with their codes', () => {
    const now = Date.parse('2026-04-10T12:00:00Z');
    const at = Date.parse('2026-04-10T08:00:00Z');
    expect(checkVisitTimes(at, at - 60_000, now).map((v) => v.code)).toEqual(['reversed_times']);
    expect(checkVisitTimes(at, at, now).map((v) => v.code)).toEqual(['reversed_times']);
    expect(checkVisitTimes(at - 13 * 3_600_000, at, now).map((v) => v.code)).toEqual(['visit_too_long']);
    expect(checkVisitTimes(now + 3_600_000, null, now).map((v) => v.code)).toEqual(['visit_in_future']);
    expect(checkVisitTimes(at, at + 30 * 60_000, now)).toEqual([]);
  });

  it('counts every visit but a declined or voided one, and shows relatives all but a voided one', () => {
    expect(visitStates.filter((state) => !isVisitCounted(state))).toEqual(['declined', 'voided']);
    expect(visitStates.filter((state) => !hasVisitHappened(state))).toEqual(['voided']);
  });

  it('locks a month at local midnight after the lock day of the next month', () => {
    expect(new Date(monthLocksAt('2026-03', 5, clock)).toISOString()).toBe('2026-04-05T22:00:00.000Z');
    expect(new Date(monthLocksAt('2026-12', 5, clock)).toISOString()).toBe('2027-01-05T23:00:00.000Z');
    const { from, to } = localMonthRange('2026-03', clock);
    expect(new Date(from).toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(new Date(to).toISOString()).toBe('2026-03-31T22:00:00.000Z');
  });

  it('lets a work lead change a month until its lock date, then only the municipality, flagged late', () => {
    const visitInApril = march;
    const beforeLock = Date.parse('2026-05-05T21:59:00Z');
    const afterLock = Date.parse('2026-05-05T22:00:00Z');
    expect(judgeVisitChange('work_lead', [visitInApril], beforeLock, settings)).toEqual({
      violations: [],
      isLate: false,
    });
    const late = judgeVisitChange('work_lead', [visitInApril], afterLock, settings);
    expect(late.violations.map((v) => v.code)).toEqual(['month_locked']);
    expect(late.violations[0]!.message).toContain('2026-04');
    expect(judgeVisitChange('municipality_admin', [visitInApril], afterLock, settings)).toEqual({
      violations: [],
      isLate: true,
    });
  });

  it('judges every month a correction touches: moving a visit out of a locked month is refused', () => {
    const inMarch = Date.parse('2026-03-20T08:00:00Z');
    const inMay = Date.parse('2026-05-02T08:00:00Z');
    const now = Date.parse('2026-05-03T08:00:00Z');
    expect(judgeVisitChange('work_lead', [inMarch, inMay], now, settings).violations).toHaveLength(1);
  });

  it('reads settings with defaults and honours an explicit off', () => {
    expect(readVisitSettings({})).toEqual({
      maxVisitMinutes: 120,
      lockDay: 5,
      isDerivationOn: true,
      timeZone: 'Europe/Stockholm',
    });
    expect(readVisitSettings({ deriveVisits: false, maxVisitMinutes: 90, visitLockDay: 3 })).toMatchObject({
      maxVisitMinutes: 90,
      lockDay: 3,
      isDerivationOn: false,
    });
  });
});
