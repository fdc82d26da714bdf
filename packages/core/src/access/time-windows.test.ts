import { describe, expect, it } from 'vitest';
import {
  createZoneClock,
  formatEpochDay,
  formatLocalMinute,
  intersectIntervals,
  isoWeekday,
  mergeIntervals,
  minutesPerDay,
  parseClockTime,
  parseDailyWindow,
  parseIsoDate,
  toWeeklyWindows,
  weekMinute,
  windowOccurrence,
} from './time-windows';

const minute = (iso: string) => Date.parse(iso) / 60_000;
const stockholm = createZoneClock('Europe/Stockholm');
const local = (date: string, time: string) => parseIsoDate(date) * minutesPerDay + parseClockTime(time);

describe('zone clock', () => {
  it('knows the Stockholm offsets on both sides of each change', () => {
    expect(stockholm.offsetAt(minute('2026-03-29T00:59:00Z'))).toBe(60);
    expect(stockholm.offsetAt(minute('2026-03-29T01:00:00Z'))).toBe(120);
    expect(stockholm.offsetAt(minute('2026-10-25T00:59:00Z'))).toBe(120);
    expect(stockholm.offsetAt(minute('2026-10-25T01:00:00Z'))).toBe(60);
  });

  it('maps a time in the spring gap forward and a repeated autumn time to the earlier instant', () => {
    expect(stockholm.fromLocal(local('2026-03-29', '02:30'))).toBe(minute('2026-03-29T01:30:00Z')); // 03:30 CEST
    expect(stockholm.fromLocal(local('2026-03-29', '03:00'))).toBe(minute('2026-03-29T01:00:00Z'));
    expect(stockholm.fromLocal(local('2026-10-25', '02:30'))).toBe(minute('2026-10-25T00:30:00Z')); // first 02:30
    expect(stockholm.fromLocal(local('2026-10-25', '03:00'))).toBe(minute('2026-10-25T02:00:00Z'));
  });

  it('round-trips every minute of a DST day outside the gap', () => {
    for (let m = minute('2026-10-24T20:00:00Z'); m < minute('2026-10-25T06:00:00Z'); m++) {
      const back = stockholm.fromLocal(stockholm.toLocal(m));
      // In the repeated hour the earlier instant is chosen.
      expect(back === m || back === m - 60).toBe(true);
    }
  });

  it('works for a zone with half-hour DST (Lord Howe Island)', () => {
    const lordHowe = createZoneClock('Australia/Lord_Howe');
    expect(lordHowe.offsetAt(minute('2026-01-15T00:00:00Z'))).toBe(11 * 60);
    expect(lordHowe.offsetAt(minute('2026-07-15T00:00:00Z'))).toBe(10 * 60 + 30);
  });

  it('rejects an unknown zone', () => {
    expect(() => createZoneClock('Europe/Nowhere')).toThrow(RangeError);
  });

  it('formats local minutes for explanations', () => {
    expect(formatLocalMinute(stockholm, minute('2026-03-02T21:00:00Z'))).toBe('2026-03-02 22:00');
  });
});

describe('dates and daily windows', () => {
  it('parses dates strictly and knows the weekday', () => {
    expect(isoWeekday(parseIsoDate('2026-03-02'))).toBe(1);
    expect(isoWeekday(parseIsoDate('2026-03-08'))).toBe(7);
    expect(() => parseIsoDate('2026-02-30')).toThrow(RangeError);
    expect(() => parseIsoDate('2026-3-1')).toThrow(RangeError);
  });

  it('reads a year before 100 as itself, as PostgreSQL stores it, not as a year of the 1900s', () => {
    // Date.UTC reads years 0–99 as 1900–1999; a stored date of year 1 once failed the round trip
    // and threw, and the whole municipality's permission index with it.
    expect(formatEpochDay(parseIsoDate('0001-01-01'))).toBe('0001-01-01');
    expect(formatEpochDay(parseIsoDate('0099-12-31'))).toBe('0099-12-31');
    expect(parseIsoDate('0099-12-31') + 1).toBe(parseIsoDate('0100-01-01'));
    expect(() => parseIsoDate('0001-02-29')).toThrow(RangeError);
  });

  it('agrees with the platform calendar on every day from 1899 to 2101, leap days and all', () => {
    for (let day = Date.UTC(1899, 0, 1) / 86_400_000; day <= Date.UTC(2101, 11, 31) / 86_400_000; day++)
      expect(parseIsoDate(formatEpochDay(day))).toBe(day);
    expect(() => parseIsoDate('1900-02-29')).toThrow(RangeError);
    expect(parseIsoDate('2000-02-29')).toBe(Date.UTC(2000, 1, 29) / 86_400_000);
    expect(() => parseIsoDate('2026-04-31')).toThrow(RangeError);
    expect(() => parseIsoDate('2026-00-10')).toThrow(RangeError);
  });

  it('parses windows across midnight and restricted to weekdays', () => {
    expect(parseDailyWindow({ from: '22:00', to: '07:00' })).toMatchObject({
      from: 1320,
      end: 1860,
      label: '22:00–07:00',
    });
    expect(parseDailyWindow({ from: '00:00', to: '24:00' })).toMatchObject({ from: 0, end: 1440 });
    expect(parseDailyWindow({ from: '07:00', to: '16:00', days: [1, 2, 3, 4, 5] }).label).toBe(
      '07:00–16:00 Mon–Fri',
    );
    expect(() => parseDailyWindow({ from: '07:00', to: '07:00' })).toThrow(/equal/);
    expect(() => parseDailyWindow({ from: '7:00', to: '08:00' })).toThrow(RangeError);
    expect(() => parseDailyWindow({ from: '07:00', to: '08:00', days: [0] })).toThrow(RangeError);
  });

  it('anchors an occurrence on the day it starts and skips other weekdays', () => {
    const weekdays = parseDailyWindow({ from: '22:00', to: '07:00', days: [5] });
    const friday = parseIsoDate('2026-03-06');
    expect(windowOccurrence(stockholm, weekdays, friday)).toEqual([
      minute('2026-03-06T21:00:00Z'),
      minute('2026-03-07T06:00:00Z'),
    ]);
    expect(windowOccurrence(stockholm, weekdays, friday + 1)).toBeUndefined();
  });
});

describe('interval sets', () => {
  it('merges overlapping and touching intervals and intersects', () => {
    expect(mergeIntervals([5, 10, 0, 3, 3, 4, 9, 12, 20, 20])).toEqual([0, 4, 5, 12]);
    expect(intersectIntervals([0, 4, 5, 12], [2, 6, 11, 30])).toEqual([2, 4, 5, 6, 11, 12]);
  });

  it('writes weekly windows in UTC minutes of the week, splitting at the week boundary', () => {
    const sunday = minute('2026-03-08T23:00:00Z');
    expect(weekMinute(minute('2026-03-02T00:00:00Z'))).toBe(0);
    const { windows } = toWeeklyWindows([sunday, sunday + 120], 14);
    expect(windows).toEqual([
      { start: 0, end: 60 },
      { start: 10080 - 60, end: 10080 },
    ]);
  });

  it('drops later intervals rather than exceed the window limit, and says where coverage ends', () => {
    const start = minute('2026-03-02T00:00:00Z');
    const intervals = Array.from({ length: 5 }, (_, i) => [start + i * 100, start + i * 100 + 10]).flat();
    const result = toWeeklyWindows(intervals, 3);
    expect(result.windows).toHaveLength(3);
    expect(result.isTruncated).toBe(true);
    expect(result.coveredUntil).toBe(start + 210);
  });
});
