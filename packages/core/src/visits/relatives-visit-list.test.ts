import { describe, expect, it } from 'vitest';
import { createZoneClock } from '../access/time-windows';
import {
  countRelativesVisitMinutes,
  describeListDaysSv,
  nameStaffForRelatives,
  readRelativesStaffNaming,
  resolveListDays,
  showStaffToRelatives,
} from './relatives-visit-list';

const clock = createZoneClock('Europe/Stockholm');
const now = Date.parse('2026-12-01T10:00:00Z');
const iso = (at: number | undefined) => (at === undefined ? undefined : new Date(at).toISOString());

describe('the relatives’ visit list', () => {
  it('names staff by first name or role word, never otherwise; unset means role word', () => {
    const anna = { givenName: 'Anna', occupation: 'assistant_nurse' as const };
    const bo = { givenName: 'Bo', occupation: null };
    expect(nameStaffForRelatives('first_name', anna)).toBe('Anna');
    expect(nameStaffForRelatives('role_word', anna)).toBe('Undersköterska');
    expect(nameStaffForRelatives('role_word', { givenName: 'C', occupation: 'care_assistant' })).toBe(
      'Vårdbiträde',
    );
    expect(nameStaffForRelatives('role_word', bo)).toBe('Personal');
    // As facts for a client to word: a first name and nothing else, or what they work as and no name.
    expect(showStaffToRelatives('first_name', anna)).toEqual({ givenName: 'Anna', occupation: null });
    expect(showStaffToRelatives('role_word', anna)).toEqual({
      givenName: null,
      occupation: 'assistant_nurse',
    });
    expect(showStaffToRelatives('role_word', bo)).toEqual({ givenName: null, occupation: null });
    expect(readRelativesStaffNaming({})).toBe('role_word');
    expect(readRelativesStaffNaming({ relativesStaffNaming: 'first_name' })).toBe('first_name');
    expect(readRelativesStaffNaming({ relativesStaffNaming: 'pseudonym' })).toBe('role_word');
  });

  it('counts minutes as billing does: nothing for a declined visit, unknown without departure', () => {
    const arrival = Date.parse('2026-11-03T08:00:00Z');
    const departure = arrival + 35 * 60_000;
    expect(countRelativesVisitMinutes({ state: 'approved', arrival, departure })).toBe(35);
    expect(countRelativesVisitMinutes({ state: 'declined', arrival, departure })).toBe(0);
    expect(countRelativesVisitMinutes({ state: 'incomplete', arrival, departure: null })).toBeNull();
  });

  it('states the period in Swedish with both ends included', () => {
    expect(describeListDaysSv('2026-11-01', '2026-11-30')).toBe('1–30 november 2026');
    expect(describeListDaysSv('2026-11-05', '2026-11-05')).toBe('5 november 2026');
    expect(describeListDaysSv('2026-11-28', '2026-12-03')).toBe('28 november – 3 december 2026');
    expect(describeListDaysSv('2026-12-28', '2027-01-03')).toBe('28 december 2026 – 3 januari 2027');
  });

  it('covers whole local days, from days (both included) or instants (end excluded)', () => {
    const days = resolveListDays({ from: '2026-11-01', to: '2026-11-30' }, now, clock)!;
    expect(days.firstDay).toBe('2026-11-01');
    expect(days.lastDay).toBe('2026-11-30');
    expect([iso(days.from), iso(days.to)]).toEqual(['2026-10-31T23:00:00.000Z', '2026-11-30T23:00:00.000Z']);
    // The same month as instants, the end excluded: the same days.
    expect(resolveListDays({ from: '2026-10-31T23:00:00Z', to: '2026-11-30T23:00:00Z' }, now, clock)).toEqual(
      days,
    );
    // An instant inside a day widens to the whole day; summer time ends on 25 October.
    const widened = resolveListDays(
      { from: '2026-10-24T12:00:00Z', to: '2026-10-26T08:00:00Z' },
      now,
      clock,
    )!;
    expect([widened.firstDay, widened.lastDay]).toEqual(['2026-10-24', '2026-10-26']);
    expect([iso(widened.from), iso(widened.to)]).toEqual([
      '2026-10-23T22:00:00.000Z',
      '2026-10-26T23:00:00.000Z',
    ]);
    // Without a period: the 31 days up to today, today included.
    expect(resolveListDays({}, now, clock)).toMatchObject({ firstDay: '2026-11-01', lastDay: '2026-12-01' });
  });

  it('refuses a period that ends before it starts, is longer than a year, or is no date', () => {
    expect(resolveListDays({ from: '2026-11-02', to: '2026-11-01' }, now, clock)).toBeUndefined();
    expect(resolveListDays({ from: '2025-01-01', to: '2026-11-01' }, now, clock)).toBeUndefined();
    expect(resolveListDays({ from: '2026-02-30', to: '2026-03-01' }, now, clock)).toBeUndefined();
    expect(resolveListDays({ from: '2026-01-01', to: '2026-12-31' }, now, clock)).toBeDefined();
  });
});
