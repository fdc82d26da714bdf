import { describe, expect, it } from 'vitest';
import {
  defaultSupportHours,
  isWithinSupportHours,
  judgeSupportHours,
  readSupportSettings,
  supportHolidayOn,
} from './support-settings';

describe('isWithinSupportHours', () => {
  it('is open on a weekday between 08 and 17 Stockholm time and closed outside', () => {
    // Tuesday 2026-03-03: 08:00 local is 07:00 UTC (winter time).
    expect(isWithinSupportHours(defaultSupportHours, new Date('2026-03-03T07:00:00Z'))).toBe(true);
    expect(isWithinSupportHours(defaultSupportHours, new Date('2026-03-03T06:59:00Z'))).toBe(false);
    expect(isWithinSupportHours(defaultSupportHours, new Date('2026-03-03T15:59:00Z'))).toBe(true);
    expect(isWithinSupportHours(defaultSupportHours, new Date('2026-03-03T16:00:00Z'))).toBe(false);
    // Night.
    expect(isWithinSupportHours(defaultSupportHours, new Date('2026-03-03T23:30:00Z'))).toBe(false);
  });

  it('is closed at weekends and on Swedish public holidays from the holiday library', () => {
    // Saturday 2026-03-07, noon.
    expect(isWithinSupportHours(defaultSupportHours, new Date('2026-03-07T11:00:00Z'))).toBe(false);
    // Långfredagen 2026-04-03 (a Friday), 10:00 local (summer time, UTC+2).
    expect(isWithinSupportHours(defaultSupportHours, new Date('2026-04-03T08:00:00Z'))).toBe(false);
    expect(supportHolidayOn(new Date('2026-04-03T08:00:00Z'))).toBe('långfredagen');
    // The Thursday before is an ordinary day.
    expect(isWithinSupportHours(defaultSupportHours, new Date('2026-04-02T08:00:00Z'))).toBe(true);
  });
});

describe('readSupportSettings', () => {
  it('falls back to 08–17 on weekdays, 60 minutes and no round-the-clock date', () => {
    expect(readSupportSettings({})).toEqual({
      supportHours: defaultSupportHours,
      emergencySlaMinutes: 60,
      keyOutLimitMinutes: 240,
      roundTheClockSupportSince: null,
    });
  });

  it('reads stored hours and ignores malformed values', () => {
    const settings = readSupportSettings({
      supportHours: { from: '07:30', until: '16:00', weekdays: [1, 2, 3, 4] },
      emergencySlaMinutes: 45,
      keyOutLimitMinutes: 'soon',
      roundTheClockSupportSince: '2026-01-15',
    });
    expect(settings.supportHours).toEqual({ fromMinute: 450, untilMinute: 960, weekdays: [1, 2, 3, 4] });
    expect(settings.emergencySlaMinutes).toBe(45);
    expect(settings.keyOutLimitMinutes).toBe(240);
    expect(settings.roundTheClockSupportSince).toBe('2026-01-15');
    expect(readSupportSettings({ supportHours: { from: '18:00', until: '08:00' } }).supportHours).toEqual(
      defaultSupportHours,
    );
  });
});

describe('judgeSupportHours', () => {
  it('refuses hours that end at or before they start, and takes 24:00 as midnight at the end', () => {
    expect(judgeSupportHours({ from: '17:00', until: '08:00' })).toMatchObject({
      code: 'support_hours_reversed',
      field: 'settings.supportHours.until',
    });
    expect(judgeSupportHours({ from: '08:00', until: '08:00' })?.code).toBe('support_hours_reversed');
    expect(judgeSupportHours({ from: '07:30', until: '16:00' })).toBeNull();
    expect(judgeSupportHours({ from: '00:00', until: '24:00' })).toBeNull();
  });

  it('reads round-the-clock hours and keeps support open to midnight', () => {
    const { supportHours } = readSupportSettings({
      supportHours: { from: '00:00', until: '24:00', weekdays: [1, 2, 3, 4, 5, 6, 7] },
    });
    expect(supportHours).toEqual({ fromMinute: 0, untilMinute: 1440, weekdays: [1, 2, 3, 4, 5, 6, 7] });
    // Saturday 2026-03-07, 23:59 and 00:00 local (UTC+1).
    expect(isWithinSupportHours(supportHours, new Date('2026-03-07T22:59:00Z'))).toBe(true);
    expect(isWithinSupportHours(supportHours, new Date('2026-03-07T23:00:00Z'))).toBe(true);
    // Every day all day means public holidays too (långfredagen 2026, 10:00 local).
    expect(isWithinSupportHours(supportHours, new Date('2026-04-03T08:00:00Z'))).toBe(true);
    // All day on some days only keeps the holidays closed.
    expect(
      isWithinSupportHours({ ...supportHours, weekdays: [1, 2, 3, 4, 5] }, new Date('2026-04-03T08:00:00Z')),
    ).toBe(false);
  });
});
