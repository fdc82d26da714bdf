import { describe, expect, it } from 'vitest';
import { createZoneClock } from '../access';
import {
  bandAt,
  computeCompensation,
  defaultBandRates,
  splitByBand,
  type CompensationVisit,
} from './compensation';

const clock = createZoneClock('Europe/Stockholm');
// Local Stockholm times in winter (UTC+1): 2026-03-02 is a Monday, 2026-03-07 a Saturday.
const local = (iso: string) => Date.parse(`${iso}+01:00`);
const visit = (overrides: Partial<CompensationVisit>): CompensationVisit => ({
  visitId: 'v1',
  customerId: 'c1',
  services: ['meals'],
  staffCount: 1,
  state: 'registered',
  arrival: local('2026-03-02T08:00:00'),
  departure: local('2026-03-02T08:30:00'),
  isLate: false,
  ...overrides,
});

describe('time bands', () => {
  it('puts weekday daytime, evening, nights and weekends in their bands, in local time', () => {
    const at = (iso: string) => bandAt(clock.toLocal(local(iso) / 60_000));
    expect(at('2026-03-02T06:59:00')).toBe('night');
    expect(at('2026-03-02T07:00:00')).toBe('day');
    expect(at('2026-03-02T18:00:00')).toBe('evening');
    expect(at('2026-03-02T22:00:00')).toBe('night');
    expect(at('2026-03-07T07:00:00')).toBe('weekend');
    expect(at('2026-03-08T21:59:00')).toBe('weekend');
    expect(at('2026-03-08T22:00:00')).toBe('night');
  });

  it('splits a visit across band edges', () => {
    expect([...splitByBand(local('2026-03-02T17:30:00'), local('2026-03-02T18:45:00'), clock)]).toEqual([
      ['day', 30],
      ['evening', 45],
    ]);
    expect([...splitByBand(local('2026-03-06T21:50:00'), local('2026-03-07T07:10:00'), clock)]).toEqual([
      ['evening', 10],
      ['night', 540],
      ['weekend', 10],
    ]);
  });
});

describe('computeCompensation', () => {
  it('pays staff time, counts customer time once for double staffing, and shares minutes among services', () => {
    const result = computeCompensation(
      [
        visit({ visitId: 'a', services: ['meals', 'shower'] }),
        visit({
          visitId: 'b',
          staffCount: 2,
          services: ['personal_care'],
          arrival: local('2026-03-03T17:30:00'),
          departure: local('2026-03-03T18:30:00'),
        }),
      ],
      new Map([['c1 meals', 300]]),
      defaultBandRates,
      clock,
    );
    expect(
      result.lines.map((l) => [l.service, l.band, l.customerMinutes, l.staffMinutes, l.amountOre]),
    ).toEqual([
      ['meals', 'day', 15, 15, 11_250],
      ['personal_care', 'day', 30, 60, 45_000],
      ['personal_care', 'evening', 30, 60, 52_000],
      ['shower', 'day', 15, 15, 11_250],
    ]);
    expect(result.totalAmountOre).toBe(119_500);
    expect(result.lines[1]!.visitIds).toEqual(['b']);
    expect(result.givenVersusGranted).toEqual([
      { customerId: 'c1', service: 'meals', givenMinutes: 15, grantedMinutes: 300 },
      { customerId: 'c1', service: 'personal_care', givenMinutes: 60, grantedMinutes: null },
      { customerId: 'c1', service: 'shower', givenMinutes: 15, grantedMinutes: null },
    ]);
  });

  it('counts nothing for declined visits, holds back visits without departure, and lists late changes', () => {
    const result = computeCompensation(
      [
        visit({ visitId: 'declined', state: 'declined' }),
        visit({ visitId: 'open', state: 'incomplete', departure: null }),
        visit({
          visitId: 'late',
          isLate: true,
          arrival: local('2026-03-04T08:00:00'),
          departure: local('2026-03-04T08:20:00'),
        }),
      ],
      new Map(),
      defaultBandRates,
      clock,
    );
    expect(result.lines.map((l) => l.visitIds)).toEqual([['late']]);
    expect(result.heldBackVisitIds).toEqual(['open']);
    const held = computeCompensation(
      [visit({ visitId: 'late' })],
      new Map(),
      defaultBandRates,
      clock,
      new Set(['late']),
    );
    expect([held.lines, held.heldBackVisitIds]).toEqual([[], ['late']]);
    expect(result.lateVisitIds).toEqual(['late']);
  });

  it('uses the rate valid on the visit’s local date, so a mid-month change makes two lines', () => {
    const rates = [
      { band: 'day' as const, perHour: 400, validFrom: '2026-01-01', validTo: '2026-03-14' },
      { band: 'day' as const, perHour: 480, validFrom: '2026-03-15', validTo: null },
    ];
    const result = computeCompensation(
      [
        visit({ visitId: 'before' }),
        visit({
          visitId: 'after',
          arrival: local('2026-03-16T08:00:00'),
          departure: local('2026-03-16T09:00:00'),
        }),
      ],
      new Map(),
      rates,
      clock,
    );
    expect(result.lines.map((l) => [l.perHour, l.staffMinutes, l.amountOre])).toEqual([
      [400, 30, 20_000],
      [480, 60, 48_000],
    ]);
    expect(() => computeCompensation([visit({})], new Map(), [], clock)).toThrow(/No day rate/);
  });
});
