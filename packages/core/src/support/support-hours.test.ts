import { describe, expect, it } from 'vitest';
import { defaultSupportHours, type SupportHours } from './support-settings';
import {
  describeSupportClosed,
  formatMinuteOfDay,
  isSupportOpen,
  readSupportHoursStatus,
} from './support-hours';

/** The hours alone, round-the-clock support never established. */
const byHours = (supportHours: SupportHours) => ({ supportHours, roundTheClockSupportSince: null });

describe('readSupportHoursStatus', () => {
  it('is open on a weekday morning and next opens the following weekday at 08:00', () => {
    // Tuesday 2026-03-03 10:00 local (09:00 UTC, winter time).
    const status = readSupportHoursStatus(byHours(defaultSupportHours), new Date('2026-03-03T09:00:00Z'));
    expect(status).toEqual({
      isOpen: true,
      isRoundTheClock: false,
      holiday: null,
      nextOpening: new Date('2026-03-04T07:00:00Z'),
    });
  });

  it('before opening, opens the same morning', () => {
    const status = readSupportHoursStatus(byHours(defaultSupportHours), new Date('2026-03-03T05:00:00Z'));
    expect(status.isOpen).toBe(false);
    expect(status.nextOpening).toEqual(new Date('2026-03-03T07:00:00Z'));
  });

  it('on a Friday night opens on Monday', () => {
    const status = readSupportHoursStatus(byHours(defaultSupportHours), new Date('2026-03-06T22:00:00Z'));
    expect(status.isOpen).toBe(false);
    expect(status.nextOpening).toEqual(new Date('2026-03-09T07:00:00Z'));
  });

  it('over Easter skips långfredagen and annandag påsk, across the change to summer time', () => {
    // Thursday 2026-04-02 20:00 local (18:00 UTC, summer time since 29 March).
    const thursday = readSupportHoursStatus(byHours(defaultSupportHours), new Date('2026-04-02T18:00:00Z'));
    expect(thursday.nextOpening).toEqual(new Date('2026-04-07T06:00:00Z'));
    const friday = readSupportHoursStatus(byHours(defaultSupportHours), new Date('2026-04-03T08:00:00Z'));
    expect(friday).toEqual({
      isOpen: false,
      isRoundTheClock: false,
      holiday: 'långfredagen',
      nextOpening: new Date('2026-04-07T06:00:00Z'),
    });
  });

  it('follows the municipality’s own hours and has no next opening without weekdays', () => {
    const hours = { fromMinute: 7 * 60 + 30, untilMinute: 16 * 60, weekdays: [6] };
    const status = readSupportHoursStatus(byHours(hours), new Date('2026-03-03T09:00:00Z'));
    expect(status.isOpen).toBe(false);
    expect(status.nextOpening).toEqual(new Date('2026-03-07T06:30:00Z'));
    expect(
      readSupportHoursStatus(byHours({ ...hours, weekdays: [] }), new Date('2026-03-03T09:00:00Z'))
        .nextOpening,
    ).toBeNull();
  });

  it('formats minutes of the day', () => {
    expect(formatMinuteOfDay(480)).toBe('08:00');
    expect(formatMinuteOfDay(1020)).toBe('17:00');
    expect(formatMinuteOfDay(450)).toBe('07:30');
  });
});

describe('describeSupportClosed', () => {
  it('names the hours, the next opening and emergency opening, in Swedish or English', () => {
    const at = new Date('2026-04-03T08:00:00Z');
    const status = readSupportHoursStatus(byHours(defaultSupportHours), at);
    expect(describeSupportClosed(defaultSupportHours, status, 'sv')).toBe(
      'Supporten är stängd (långfredagen). Den har öppet måndag–fredag 08:00–17:00, utom helgdagar. Den öppnar igen tisdag 7 april kl. 08:00. Till dess kan bara nödöppning begäras.',
    );
    expect(describeSupportClosed(defaultSupportHours, status, 'en')).toContain(
      'It is open Monday–Friday 08:00–17:00, not on public holidays. It opens again Tuesday 7 April',
    );
  });
});

describe('round-the-clock support (R8.3, R9.1)', () => {
  /** Sunday 7 March 2027, 23:00 in Stockholm (winter time, UTC+1): outside the default hours. */
  const sundayNight = new Date('2027-03-07T22:00:00Z');
  const established = (since: string | null) => ({
    supportHours: defaultSupportHours,
    roundTheClockSupportSince: since,
  });

  it('is open on a Sunday night once established that day or earlier, whatever the hours say', () => {
    for (const since of ['2027-03-07', '2026-11-01']) {
      expect(isSupportOpen(established(since), sundayNight), since).toBe(true);
      expect(readSupportHoursStatus(established(since), sundayNight)).toEqual({
        isOpen: true,
        isRoundTheClock: true,
        holiday: null,
        nextOpening: null,
      });
    }
  });

  it('keeps the hours the day before it is established, and opens at the local midnight it starts', () => {
    const status = readSupportHoursStatus(established('2027-03-08'), sundayNight);
    expect(isSupportOpen(established('2027-03-08'), sundayNight)).toBe(false);
    // Monday 00:00 in Stockholm, before Monday's 08:00.
    expect(status).toEqual({
      isOpen: false,
      isRoundTheClock: false,
      holiday: null,
      nextOpening: new Date('2027-03-07T23:00:00Z'),
    });
    expect(isSupportOpen(established('2027-03-08'), new Date('2027-03-07T22:59:00Z'))).toBe(false);
    expect(isSupportOpen(established('2027-03-08'), new Date('2027-03-07T23:00:00Z'))).toBe(true);
    // Never established: the hours alone, next open on Monday at 08:00.
    expect(readSupportHoursStatus(established(null), sundayNight)).toMatchObject({
      isOpen: false,
      isRoundTheClock: false,
      nextOpening: new Date('2027-03-08T07:00:00Z'),
    });
  });

  it('is open on a public holiday once established, naming the holiday', () => {
    // Långfredagen 2027 (26 March), 11:00 in Stockholm.
    const goodFriday = new Date('2027-03-26T10:00:00Z');
    expect(readSupportHoursStatus(established('2027-01-01'), goodFriday)).toEqual({
      isOpen: true,
      isRoundTheClock: true,
      holiday: 'långfredagen',
      nextOpening: null,
    });
    expect(isSupportOpen(established(null), goodFriday)).toBe(false);
  });

  it('takes hours of every day 00:00–24:00 as round the clock, public holidays included', () => {
    const allDay = { fromMinute: 0, untilMinute: 24 * 60, weekdays: [1, 2, 3, 4, 5, 6, 7] };
    const support = { supportHours: allDay, roundTheClockSupportSince: null };
    for (const at of [sundayNight, new Date('2027-03-26T10:00:00Z'), new Date('2027-12-24T23:30:00Z')])
      expect(readSupportHoursStatus(support, at), at.toISOString()).toMatchObject({
        isOpen: true,
        isRoundTheClock: true,
        nextOpening: null,
      });
    // All day on weekdays only is not round the clock: closed on Sunday, open again Monday 00:00.
    const weekdaysOnly = {
      supportHours: { ...allDay, weekdays: [1, 2, 3, 4, 5] },
      roundTheClockSupportSince: null,
    };
    expect(readSupportHoursStatus(weekdaysOnly, sundayNight)).toEqual({
      isOpen: false,
      isRoundTheClock: false,
      holiday: null,
      nextOpening: new Date('2027-03-07T23:00:00Z'),
    });
  });
});
