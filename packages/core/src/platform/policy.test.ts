import { describe, expect, it } from 'vitest';
import { servedFromToday, servicePeriodOf, servicePeriodOfQuery, substitutedField } from './policy';

describe('servicePeriodOf', () => {
  it('turns a half-open time range into the local days it touches', () => {
    // 23:30 UTC on the 12th is 00:30 on the 13th in Stockholm (winter time, UTC+1).
    expect(
      servicePeriodOf({ from: new Date('2026-01-12T23:30:00Z'), to: new Date('2026-01-20T00:00:00Z') }),
    ).toEqual({ fromDay: '2026-01-13', toDay: '2026-01-20' });
    // Midnight local time as the exclusive end does not touch the next day (summer time, UTC+2).
    expect(
      servicePeriodOf({ from: new Date('2026-06-30T22:00:00Z'), to: new Date('2026-07-31T22:00:00Z') }),
    ).toEqual({ fromDay: '2026-07-01', toDay: '2026-07-31' });
  });

  it('treats an empty range as its first day', () => {
    const at = new Date('2026-03-01T12:00:00Z');
    expect(servicePeriodOf({ from: at, to: at })).toEqual({ fromDay: '2026-03-01', toDay: '2026-03-01' });
  });
});

describe('servicePeriodOfQuery', () => {
  it('is servicePeriodOf with both bounds, today on without `from`, open-ended without `to`', () => {
    const from = new Date('2026-01-12T23:30:00Z');
    const to = new Date('2026-01-20T00:00:00Z');
    expect(servicePeriodOfQuery({ from, to })).toEqual(servicePeriodOf({ from, to }));
    expect(servicePeriodOfQuery({})).toEqual(servedFromToday);
    expect(servicePeriodOfQuery({ from })).toEqual({ fromDay: '2026-01-13', toDay: null });
    // Midnight in Stockholm as the exclusive end: the day before is the last one.
    expect(servicePeriodOfQuery({ to: new Date('2026-01-19T23:00:00Z') })).toEqual({
      fromDay: null,
      toDay: '2026-01-19',
    });
  });
});

describe('substitutedField', () => {
  it('gives property owners the lock reference in place of the serial, and no one else', () => {
    expect(substitutedField('lock_device', 'owner', 'serial')).toBe('ownerReference');
    expect(substitutedField('lock_device', 'municipality', 'serial')).toBe('serial');
    expect(substitutedField('lock_device', 'owner', 'firmware')).toBe('firmware');
    expect(substitutedField('digital_key', 'provider', 'serial')).toBe('serial');
  });
});
