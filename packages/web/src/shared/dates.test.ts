import { describe, expect, it } from 'vitest';
import {
  isCurrentOn,
  isDateText,
  localToday,
  readDayParam,
  splitDateText,
  startOfDay,
  toDayString,
} from './dates';
import { createTranslator } from './i18n';
import { useTimeZone } from './time-zone.testing';

describe('calendar dates in the reader’s language', () => {
  it('writes a day as ISO 8601 in Swedish and in words in English', () => {
    expect(createTranslator('sv').formatDate('2026-12-03')).toBe('2026-12-03');
    expect(createTranslator('en').formatDate('2026-12-03')).toBe('3 Dec 2026');
    expect(createTranslator('en').formatDate('2027-01-01')).toBe('1 Jan 2027');
  });

  it('keeps the day west and east of UTC (a day is no instant)', () => {
    for (const timeZone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Europe/Stockholm']) {
      useTimeZone(timeZone);
      expect(createTranslator('en').formatDate('2026-12-03')).toBe('3 Dec 2026');
      expect(createTranslator('sv').formatDate('2026-01-01')).toBe('2026-01-01');
    }
  });

  it('writes an instant as its local day', () => {
    useTimeZone('Europe/Stockholm');
    expect(createTranslator('sv').formatDate('2026-12-03T23:30:00Z')).toBe('2026-12-04');
    expect(createTranslator('en').formatDate('2026-12-03T23:30:00Z')).toBe('4 Dec 2026');
  });

  it('says none for no date and shows what is no date as written', () => {
    expect(createTranslator('sv').formatDate(null)).toBe('–');
    expect(createTranslator('en').formatDate('2026-Q2')).toBe('2026-Q2');
  });
});

describe('dates a table keeps on one line', () => {
  it('knows the dates and date-times the translator writes, and ranges of them', () => {
    const sv = createTranslator('sv');
    const en = createTranslator('en');
    for (const text of [
      sv.formatDate('2026-12-03'),
      en.formatDate('2026-09-03'),
      sv.formatDateTime('2026-06-03T12:05:00Z'),
      sv.formatDateTime('2026-12-03T12:05:00Z'),
      en.formatDateTime('2026-09-03T12:05:00Z'),
      `${sv.formatDate('2026-01-07')} – ${sv.formatDate('2026-06-30')}`,
      `${en.formatDate('2026-01-07')} – `,
    ]) {
      expect(isDateText(text), text).toBe(true);
    }
  });

  it('splits a date-time into its day and its time, each unbroken, and leaves the rest as it is', () => {
    const pieces = (text: string) =>
      splitDateText(text)
        ?.map((part) => (part.isUnbroken ? `[${part.text}]` : part.text))
        .join('');
    expect(pieces('3 dec. 2026 14:05')).toBe('[3 dec. 2026] [14:05]');
    expect(pieces('3 Sept 2026, 14:05')).toBe('[3 Sept 2026,] [14:05]');
    expect(pieces('2026-01-07 – 2026-06-30')).toBe('[2026-01-07] – [2026-06-30]');
    expect(pieces('Port A')).toBeUndefined();
  });

  it('leaves other text free to wrap', () => {
    for (const text of ['Port A', '2026-Q2', '3 nycklar', 'Lås nr 2', '12 av 14 lås', '14:05', '']) {
      expect(isDateText(text), text).toBe(false);
    }
  });
});

describe('local calendar days', () => {
  it('takes today as the local day, not the UTC date', () => {
    useTimeZone('Europe/Stockholm');
    // 00:30 on 4 March in Stockholm (CET) and 01:30 on 1 July (CEST); UTC is still the day before.
    expect(localToday(new Date('2026-03-03T23:30:00Z'))).toBe('2026-03-04');
    expect(localToday(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(localToday(new Date('2026-03-03T22:59:00Z'))).toBe('2026-03-03');
    useTimeZone('America/Los_Angeles');
    expect(localToday(new Date('2026-03-04T07:30:00Z'))).toBe('2026-03-03');
  });

  it('steps days from local midnight across month ends and the clock change', () => {
    useTimeZone('Europe/Stockholm');
    expect(toDayString(startOfDay('2026-03-29'))).toBe('2026-03-29');
    expect(toDayString(startOfDay('2026-03-29', 1))).toBe('2026-03-30');
    expect(toDayString(startOfDay('2026-03-01', -1))).toBe('2026-02-28');
    expect(startOfDay('2026-03-04').toISOString()).toBe('2026-03-03T23:00:00.000Z');
  });

  it('reads a day from the address, or falls back to the local day of an instant', () => {
    useTimeZone('Europe/Stockholm');
    const fallback = new Date('2026-03-03T23:30:00Z');
    expect(readDayParam(new URLSearchParams('day=2026-05-01'), 'day', fallback)).toBe('2026-05-01');
    expect(readDayParam(new URLSearchParams('day=1%20maj'), 'day', fallback)).toBe('2026-03-04');
    expect(readDayParam(new URLSearchParams(''), 'day', fallback)).toBe('2026-03-04');
  });

  it('counts something as current through its last day, and without an end for ever', () => {
    expect(isCurrentOn('2026-03-04', '2026-03-04')).toBe(true);
    expect(isCurrentOn('2026-03-03', '2026-03-04')).toBe(false);
    expect(isCurrentOn(null, '2026-03-04')).toBe(true);
    expect(isCurrentOn(undefined, '2026-03-04')).toBe(true);
  });
});
