import { describe, expect, it } from 'vitest';
import { createZoneClock } from '../access';
import {
  bandAt,
  computeCompensation,
  defaultBandRates,
  splitByBand,
  sumByBand,
  type BandCalendar,
  type CompensationVisit,
} from './compensation';
import { createSwedishHolidayCalendar, noHolidays } from './public-holidays';

const clock = createZoneClock('Europe/Stockholm');
const calendar: BandCalendar = { clock, holidays: createSwedishHolidayCalendar({ areEvesHolidays: true }) };
// Local Stockholm times in winter (UTC+1): 2026-03-02 is a Monday, 2026-03-07 a Saturday.
const local = (iso: string) => Date.parse(`${iso}+01:00`);
const visit = (overrides: Partial<CompensationVisit>): CompensationVisit => ({
  visitId: 'v1',
  customerId: 'c1',
  services: ['meals'],
  staffMemberIds: ['s1'],
  householdId: null,
  state: 'registered',
  arrival: local('2026-03-02T08:00:00'),
  departure: local('2026-03-02T08:30:00'),
  isLate: false,
  ...overrides,
});

describe('time bands', () => {
  it('puts weekday daytime, evening, nights and weekends in their bands, in local time', () => {
    const at = (iso: string) => bandAt(clock.toLocal(local(iso) / 60_000), calendar.holidays);
    expect(at('2026-03-02T06:59:00')).toBe('night');
    expect(at('2026-03-02T07:00:00')).toBe('day');
    expect(at('2026-03-02T18:00:00')).toBe('evening');
    expect(at('2026-03-02T22:00:00')).toBe('night');
    expect(at('2026-03-07T07:00:00')).toBe('weekend');
    expect(at('2026-03-08T21:59:00')).toBe('weekend');
    expect(at('2026-03-08T22:00:00')).toBe('night');
  });

  it('splits a visit across band edges', () => {
    expect([...splitByBand(local('2026-03-02T17:30:00'), local('2026-03-02T18:45:00'), calendar)]).toEqual([
      ['day', 30],
      ['evening', 45],
    ]);
    expect([...splitByBand(local('2026-03-06T21:50:00'), local('2026-03-07T07:10:00'), calendar)]).toEqual([
      ['evening', 10],
      ['night', 540],
      ['weekend', 10],
    ]);
  });
});

// Summer time (UTC+2) from 2026-03-29 to 2026-10-25.
const summer = (iso: string) => Date.parse(`${iso}+02:00`);

describe('public holidays', () => {
  const bandOn = (at: number, holidays = calendar.holidays) => bandAt(clock.toLocal(at / 60_000), holidays);

  it('knows the röda dagar and the eves of a year from the library, by local date', () => {
    const holidays = createSwedishHolidayCalendar({ areEvesHolidays: true });
    const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
    const named = (date: string) => holidays.holidayOn(day(date));
    expect(named('2026-01-01')).toBe('nyårsdagen');
    expect(named('2026-01-06')).toBe('trettondedag jul');
    expect(named('2026-04-03')).toBe('långfredagen');
    expect(named('2026-04-05')).toBe('påskdagen');
    expect(named('2026-04-06')).toBe('annandag påsk');
    expect(named('2026-05-01')).toBe('första maj');
    expect(named('2026-05-14')).toBe('Kristi himmelsfärdsdag');
    expect(named('2026-05-24')).toBe('pingstdagen');
    expect(named('2026-06-06')).toBe('nationaldagen');
    expect(named('2026-06-19')).toBe('midsommarafton');
    expect(named('2026-06-20')).toBe('midsommardagen');
    expect(named('2026-10-31')).toBe('alla helgons dag');
    expect(named('2026-12-24')).toBe('julafton');
    expect(named('2026-12-25')).toBe('juldagen');
    expect(named('2026-12-26')).toBe('annandag jul');
    expect(named('2026-12-31')).toBe('nyårsafton');
    // Moving feasts move: 2027's Good Friday and Midsummer Eve, not 2026's dates again.
    expect([named('2027-03-26'), named('2027-06-25'), named('2027-04-03')]).toEqual([
      'långfredagen',
      'midsommarafton',
      undefined,
    ]);
    // Ordinary days, and observances that are no holiday (skärtorsdagen, annandag pingst since 2005).
    expect([named('2026-04-02'), named('2026-05-25'), named('2026-03-03')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    const withoutEves = createSwedishHolidayCalendar({ areEvesHolidays: false });
    expect(['2026-06-19', '2026-12-24', '2026-12-31'].map((d) => withoutEves.holidayOn(day(d)))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(withoutEves.holidayOn(day('2026-12-25'))).toBe('juldagen');
  });

  it('puts a weekday holiday’s 07–22 in the weekend band and leaves its night a night', () => {
    // Långfredagen 2026-04-03 and Kristi himmelsfärdsdag 2026-05-14 (a Thursday).
    expect(bandOn(summer('2026-04-03T10:00:00'))).toBe('weekend');
    expect(bandOn(summer('2026-04-03T19:00:00'))).toBe('weekend');
    expect(bandOn(summer('2026-04-03T06:59:00'))).toBe('night');
    expect(bandOn(summer('2026-04-03T22:00:00'))).toBe('night');
    expect(bandOn(summer('2026-05-14T07:00:00'))).toBe('weekend');
    expect(bandOn(summer('2026-05-13T07:00:00'))).toBe('day');
    expect(bandOn(summer('2026-05-15T18:30:00'))).toBe('evening');
    // Without holidays the same Thursday is an ordinary day.
    expect(bandOn(summer('2026-05-14T10:00:00'), noHolidays)).toBe('day');
  });

  it('counts midsommarafton, julafton and nyårsafton by the municipality’s setting', () => {
    const withoutEves = createSwedishHolidayCalendar({ areEvesHolidays: false });
    expect(bandOn(summer('2026-06-19T10:00:00'))).toBe('weekend');
    expect(bandOn(summer('2026-06-19T10:00:00'), withoutEves)).toBe('day');
    expect(bandOn(local('2026-12-24T19:00:00'))).toBe('weekend');
    expect(bandOn(local('2026-12-24T19:00:00'), withoutEves)).toBe('evening');
    expect(bandOn(local('2026-12-31T12:00:00'), withoutEves)).toBe('day');
    // Juldagen is a holiday either way.
    expect(bandOn(local('2026-12-25T12:00:00'), withoutEves)).toBe('weekend');
  });

  it('splits a visit crossing midnight into and out of a holiday at the band edges', () => {
    // Skärtorsdagen (an ordinary Thursday) 21:30 into långfredagen 07:30.
    expect([...splitByBand(summer('2026-04-02T21:30:00'), summer('2026-04-03T07:30:00'), calendar)]).toEqual([
      ['evening', 30],
      ['night', 540],
      ['weekend', 30],
    ]);
    // Kristi himmelsfärdsdag 21:00 into an ordinary Friday 08:00.
    expect([...splitByBand(summer('2026-05-14T21:00:00'), summer('2026-05-15T08:00:00'), calendar)]).toEqual([
      ['weekend', 60],
      ['night', 540],
      ['day', 60],
    ]);
  });

  it('pays holiday minutes at the weekend rate in a run', () => {
    const result = computeCompensation(
      [
        visit({
          visitId: 'eve',
          arrival: summer('2026-06-19T09:00:00'),
          departure: summer('2026-06-19T10:00:00'),
        }),
        visit({
          visitId: 'thu',
          arrival: summer('2026-06-18T09:00:00'),
          departure: summer('2026-06-18T10:00:00'),
        }),
      ],
      new Map(),
      defaultBandRates,
      calendar,
    );
    expect(result.lines.map((l) => [l.band, l.staffMinutes, l.amountOre, l.visitIds])).toEqual([
      ['day', 60, 45_000, ['thu']],
      ['weekend', 60, 56_000, ['eve']],
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
          staffMemberIds: ['s1', 's2'],
          services: ['personal_care'],
          arrival: local('2026-03-03T17:30:00'),
          departure: local('2026-03-03T18:30:00'),
        }),
      ],
      new Map([['c1 meals', 300]]),
      defaultBandRates,
      calendar,
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

  it('shares a visit’s minutes among its services in whole minutes that add up to the visit', () => {
    const result = computeCompensation(
      [
        visit({ visitId: 'a', services: ['meals', 'medication'], departure: local('2026-03-02T08:25:00') }),
        visit({
          visitId: 'b',
          staffMemberIds: ['s1', 's2'],
          services: ['cleaning', 'laundry', 'shopping'],
          arrival: local('2026-03-03T08:00:00'),
          departure: local('2026-03-03T08:10:00'),
        }),
      ],
      new Map(),
      defaultBandRates,
      calendar,
    );
    // 25 minutes in two services and 10 in three: 12.5 + 12.5 and 3⅓ × 3 were 13 + 13 and 3 × 3;
    // the first services recorded take the minutes left over, and staff time is customer time × staff.
    expect(result.lines.map((l) => [l.service, l.customerMinutes, l.staffMinutes])).toEqual([
      ['cleaning', 4, 8],
      ['laundry', 3, 6],
      ['meals', 13, 13],
      ['medication', 12, 12],
      ['shopping', 3, 6],
    ]);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    expect(sum(result.lines.map((l) => l.customerMinutes))).toBe(35);
    expect(sum(result.lines.map((l) => l.staffMinutes))).toBe(45);
    expect(sum(result.givenVersusGranted.map((g) => g.givenMinutes))).toBe(35);
    // Each line's amount is its staff minutes at its rate, so a reader can check it.
    expect(result.lines.map((l) => l.amountOre)).toEqual([6_000, 4_500, 9_750, 9_000, 4_500]);
    expect(result.totalAmountOre).toBe(45 * 750);
  });

  it('pays a couple’s shared visit once, each spouse counting their part of it in its band', () => {
    // One staff member with Karl and Greta, who share a door, 17:40–18:20: 40 minutes of work,
    // not 80. Greta's visit is first by id, so she takes 17:40–18:00 (day), Karl 18:00–18:20.
    const couple = { householdId: 'door-1', arrival: local('2026-03-02T17:40:00') };
    const departure = local('2026-03-02T18:20:00');
    const result = computeCompensation(
      [
        visit({ ...couple, visitId: 'k', customerId: 'karl', departure }),
        visit({ ...couple, visitId: 'g', customerId: 'greta', departure }),
        // A neighbour's visit by the same staff member at another door is not shared (the queue
        // raises it as two customers at once).
        visit({
          visitId: 'n',
          customerId: 'olle',
          householdId: 'door-2',
          arrival: local('2026-03-02T19:00:00'),
          departure: local('2026-03-02T19:10:00'),
        }),
      ],
      new Map(),
      defaultBandRates,
      calendar,
    );
    expect(
      result.lines.map((l) => [l.customerId, l.band, l.customerMinutes, l.staffMinutes, l.visitIds]),
    ).toEqual([
      ['greta', 'day', 20, 20, ['g']],
      ['karl', 'evening', 20, 20, ['k']],
      ['olle', 'evening', 10, 10, ['n']],
    ]);
    expect(result.totalAmountOre).toBe(Math.round(((20 * 450 + 30 * 520) * 100) / 60));
    expect(result.heldBackVisitIds).toEqual([]);
  });

  it('shares a couple’s overlap per staff member: a second staff member with one spouse counts whole', () => {
    // Karl with Anna and Bo, Greta with Anna, 08:00–08:40: Anna's 40 minutes are shared, Bo's
    // 40 at Karl count whole, so 80 staff minutes are paid; Karl had care all 40 minutes.
    const couple = { householdId: 'door-1', departure: local('2026-03-02T08:40:00') };
    const result = computeCompensation(
      [
        visit({ ...couple, visitId: 'k', customerId: 'karl', staffMemberIds: ['anna', 'bo'] }),
        visit({ ...couple, visitId: 'g', customerId: 'greta', staffMemberIds: ['anna'] }),
      ],
      new Map(),
      defaultBandRates,
      calendar,
    );
    expect(result.lines.map((l) => [l.customerId, l.customerMinutes, l.staffMinutes])).toEqual([
      ['greta', 20, 20],
      ['karl', 40, 60],
    ]);
    expect(result.totalAmountOre).toBe(80 * 750);
    expect(result.givenVersusGranted.map((g) => [g.customerId, g.givenMinutes])).toEqual([
      ['greta', 20],
      ['karl', 40],
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
      calendar,
    );
    expect(result.lines.map((l) => l.visitIds)).toEqual([['late']]);
    expect(result.heldBackVisitIds).toEqual(['open']);
    const held = computeCompensation(
      [visit({ visitId: 'late' })],
      new Map(),
      defaultBandRates,
      calendar,
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
      calendar,
    );
    expect(result.lines.map((l) => [l.perHour, l.staffMinutes, l.amountOre])).toEqual([
      [400, 30, 20_000],
      [480, 60, 48_000],
    ]);
    expect(() => computeCompensation([visit({})], new Map(), [], calendar)).toThrow(/No day rate/);
  });
});

describe('sumByBand', () => {
  it('totals every band in order, zero where a run has none', () => {
    const line = (band: string, minutes: number, amountOre: number) => ({
      band,
      customerMinutes: minutes,
      staffMinutes: 2 * minutes,
      amountOre,
    });
    expect(sumByBand([line('weekend', 10, 100), line('day', 30, 300), line('weekend', 5, 50)])).toEqual([
      { band: 'day', customerMinutes: 30, staffMinutes: 60, amountOre: 300 },
      { band: 'evening', customerMinutes: 0, staffMinutes: 0, amountOre: 0 },
      { band: 'night', customerMinutes: 0, staffMinutes: 0, amountOre: 0 },
      { band: 'weekend', customerMinutes: 15, staffMinutes: 30, amountOre: 150 },
    ]);
    expect(() => sumByBand([line('holiday', 1, 1)])).toThrow(/Unknown time band/);
  });
});
