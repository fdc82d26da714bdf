import { describe, expect, it } from 'vitest';
import { defaultSupportHours } from './support-settings';
import { describeSupportClosed, formatMinuteOfDay, readSupportHoursStatus } from './support-hours';

describe('readSupportHoursStatus', () => {
  it('is open on a weekday morning and next opens the following weekday at 08:00', () => {
    // Tuesday 2026-03-03 10:00 local (09:00 UTC, winter time).
    const status = readSupportHoursStatus(defaultSupportHours, new Date('2026-03-03T09:00:00Z'));
    expect(status).toEqual({
      isOpen: true,
      holiday: null,
      nextOpening: new Date('2026-03-04T07:00:00Z'),
    });
  });

  it('before opening, opens the same morning', () => {
    const status = readSupportHoursStatus(defaultSupportHours, new Date('2026-03-03T05:00:00Z'));
    expect(status.isOpen).toBe(false);
    expect(status.nextOpening).toEqual(new Date('2026-03-03T07:00:00Z'));
  });

  it('on a Friday night opens on Monday', () => {
    const status = readSupportHoursStatus(defaultSupportHours, new Date('2026-03-06T22:00:00Z'));
    expect(status.isOpen).toBe(false);
    expect(status.nextOpening).toEqual(new Date('2026-03-09T07:00:00Z'));
  });

  it('over Easter skips långfredagen and annandag påsk, across the change to summer time', () => {
    // Thursday 2026-04-02 20:00 local (18:00 UTC, summer time since 29 March).
    const thursday = readSupportHoursStatus(defaultSupportHours, new Date('2026-04-02T18:00:00Z'));
    expect(thursday.nextOpening).toEqual(new Date('2026-04-07T06:00:00Z'));
    const friday = readSupportHoursStatus(defaultSupportHours, new Date('2026-04-03T08:00:00Z'));
    expect(friday).toEqual({
      isOpen: false,
      holiday: 'långfredagen',
      nextOpening: new Date('2026-04-07T06:00:00Z'),
    });
  });

  it('follows the municipality’s own hours and has no next opening without weekdays', () => {
    const hours = { fromMinute: 7 * 60 + 30, untilMinute: 16 * 60, weekdays: [6] };
    const status = readSupportHoursStatus(hours, new Date('2026-03-03T09:00:00Z'));
    expect(status.isOpen).toBe(false);
    expect(status.nextOpening).toEqual(new Date('2026-03-07T06:30:00Z'));
    expect(readSupportHoursStatus({ ...hours, weekdays: [] }, new Date()).nextOpening).toBeNull();
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
    const status = readSupportHoursStatus(defaultSupportHours, at);
    expect(describeSupportClosed(defaultSupportHours, status, 'sv')).toBe(
      'Supporten är stängd (långfredagen). Den har öppet måndag–fredag 08:00–17:00, utom helgdagar. Den öppnar igen tisdag 7 april kl. 08:00. Till dess kan bara nödöppning begäras.',
    );
    expect(describeSupportClosed(defaultSupportHours, status, 'en')).toContain(
      'It is open Monday–Friday 08:00–17:00, not on public holidays. It opens again Tuesday 7 April',
    );
  });
});
