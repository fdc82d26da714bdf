import { describe, expect, it } from 'vitest';
import { defaultExceptionLimits, findVisitExceptions, type ExceptionVisit } from './visit-exceptions';

const t0 = Date.parse('2026-03-02T08:00:00Z');
const minute = 60_000;
const visit = (overrides: Partial<ExceptionVisit>): ExceptionVisit => ({
  visitId: 'v1',
  version: 1,
  customerId: 'karl',
  staffMemberIds: ['anna'],
  state: 'registered',
  arrival: t0,
  departure: t0 + 30 * minute,
  isServed: true,
  hasPlans: false,
  householdId: null,
  ...overrides,
});
const codes = (found: ReturnType<typeof findVisitExceptions>) => found.map((e) => e.code);

describe('findVisitExceptions', () => {
  it('finds nothing in an ordinary planned visit', () => {
    const plan = {
      plannedVisitId: 'p1',
      customerId: 'karl',
      windowStart: t0 - 30 * minute,
      windowEnd: t0 + 60 * minute,
    };
    expect(findVisitExceptions([visit({})], [plan], [])).toEqual([]);
  });

  it('flags no departure, too long and too short, keyed by visit version', () => {
    const found = findVisitExceptions(
      [
        visit({ visitId: 'open', departure: null, state: 'incomplete' }),
        visit({ visitId: 'long', version: 3, arrival: t0 + 200 * minute, departure: t0 + 330 * minute }),
        visit({ visitId: 'short', arrival: t0 + 400 * minute, departure: t0 + 401 * minute }),
      ],
      [],
      [],
    );
    expect(found.map((e) => e.key)).toEqual(['no_departure:open:1', 'too_long:long:3', 'too_short:short:1']);
  });

  it('flags one staff member at two customers at once, once per pair, and not double staffing', () => {
    const found = findVisitExceptions(
      [
        visit({ visitId: 'a' }),
        visit({ visitId: 'b', customerId: 'greta', arrival: t0 + 10 * minute, departure: t0 + 20 * minute }),
        visit({
          visitId: 'c',
          staffMemberIds: ['anna', 'bo'],
          arrival: t0 + 60 * minute,
          departure: t0 + 90 * minute,
        }),
      ],
      [],
      [],
    );
    expect(found).toEqual([
      expect.objectContaining({
        code: 'two_customers_at_once',
        visitIds: ['a', 'b'],
        staffMemberIds: ['anna'],
      }),
    ]);
  });

  it('does not flag one staff member with both spouses of a shared home at once, but still a duplicate', () => {
    // Karl and Greta share their apartment door: one stay helps both (the compensation run counts
    // the overlap once). Two visits at Karl are still one visit registered twice.
    const home = { householdId: 'door-1' };
    const found = findVisitExceptions(
      [
        visit({ ...home, visitId: 'karl' }),
        visit({ ...home, visitId: 'greta', customerId: 'greta', arrival: t0 + 10 * minute }),
        visit({ ...home, visitId: 'karl-again', arrival: t0 + 20 * minute }),
        visit({ visitId: 'olle', customerId: 'olle', householdId: 'door-2', arrival: t0 + 25 * minute }),
      ],
      [],
      [],
    );
    expect(found.map((e) => [e.code, e.visitIds])).toEqual([
      ['duplicate_visit', ['karl', 'karl-again']],
      ['two_customers_at_once', ['greta', 'olle']],
      ['two_customers_at_once', ['karl-again', 'olle']],
      ['two_customers_at_once', ['karl', 'olle']],
    ]);
  });

  it('flags one staff member with two overlapping visits at one customer as a duplicate', () => {
    // Two staff there at once (separate visits, or one visit with both) is double staffing; one
    // staff member twice at once is the same visit registered twice (a lock visit and a manual
    // one), which would be paid twice.
    const found = findVisitExceptions(
      [
        visit({ visitId: 'lock' }),
        visit({ visitId: 'manual', version: 2, arrival: t0 + 5 * minute, departure: t0 + 25 * minute }),
        visit({ visitId: 'bo', staffMemberIds: ['bo'], arrival: t0 + 5 * minute }),
        visit({
          visitId: 'pair',
          staffMemberIds: ['cia', 'dan'],
          arrival: t0 + 5 * minute,
          departure: t0 + 20 * minute,
        }),
        visit({ visitId: 'later', arrival: t0 + 30 * minute, departure: t0 + 40 * minute }),
      ],
      [],
      [],
    );
    expect(found).toEqual([
      {
        key: 'duplicate_visit:lock:1:manual:2',
        code: 'duplicate_visit',
        at: t0 + 5 * minute,
        customerId: 'karl',
        staffMemberIds: ['anna'],
        visitIds: ['lock', 'manual'],
        plannedVisitId: null,
      },
    ]);
  });

  it('raises no duplicate once one of the two is declined, nor for two approved visits', () => {
    const duplicate = visit({ visitId: 'manual', arrival: t0 + 5 * minute });
    expect(findVisitExceptions([visit({}), { ...duplicate, state: 'declined' }], [], [])).toEqual([]);
    expect(
      findVisitExceptions([visit({ state: 'approved' }), { ...duplicate, state: 'approved' }], [], []),
    ).toEqual([]);
  });

  it('flags an unplanned visit and a missed planned one, only for customers with plans', () => {
    const plan = {
      plannedVisitId: 'p1',
      customerId: 'karl',
      windowStart: t0 + 300 * minute,
      windowEnd: t0 + 360 * minute,
    };
    const found = findVisitExceptions(
      [visit({ hasPlans: true }), visit({ visitId: 'g', customerId: 'greta', staffMemberIds: ['bo'] })],
      [plan],
      [],
    );
    expect(found.map((e) => [e.code, e.visitIds, e.plannedVisitId])).toEqual([
      ['unplanned_visit', ['v1'], null],
      ['missed_planned_visit', [], 'p1'],
    ]);
  });

  it('calls a visit unplanned by its customer’s plans of the month, not by the plans passed in', () => {
    // The plans passed in are those of the period asked for; a day without plans of a customer
    // who has plans that month is still an unplanned visit (docs/visits.md "Exceptions").
    const elsewhere = {
      plannedVisitId: 'p9',
      customerId: 'karl',
      windowStart: t0 - 3 * 1440 * minute,
      windowEnd: t0 - 3 * 1440 * minute + 60 * minute,
    };
    expect(codes(findVisitExceptions([visit({ hasPlans: true })], [], []))).toEqual(['unplanned_visit']);
    expect(codes(findVisitExceptions([visit({ hasPlans: true })], [elsewhere], []))).toEqual([
      'missed_planned_visit',
      'unplanned_visit',
    ]);
    expect(codes(findVisitExceptions([visit({ hasPlans: false })], [], []))).toEqual([]);
  });

  it('calls a planned visit missed, or a refused attempt "could not get in", only once the visit can no longer come', () => {
    const plan = {
      plannedVisitId: 'p1',
      customerId: 'karl',
      windowStart: t0 + 300 * minute,
      windowEnd: t0 + 360 * minute,
    };
    const refused = [{ customerId: 'greta', staffMemberId: 'anna', at: t0 + 100 * minute }];
    const at = (minutes: number) =>
      codes(findVisitExceptions([], [plan], refused, defaultExceptionLimits, t0 + minutes * minute));
    // Within the attempt's half hour, and within the window and its hour's margin, the visit may still come.
    expect(at(110)).toEqual([]);
    expect(at(130)).toEqual([]);
    expect(at(131)).toEqual(['no_entry']);
    expect(at(419)).toEqual(['no_entry']);
    expect(at(420)).toEqual(['no_entry', 'missed_planned_visit']);
  });

  it('flags refused attempts with no visit after them as one "could not get in"', () => {
    const refused = [
      { customerId: 'greta', staffMemberId: 'anna', at: t0 + 100 * minute },
      { customerId: 'greta', staffMemberId: 'anna', at: t0 + 101 * minute },
      { customerId: 'karl', staffMemberId: 'anna', at: t0 - 5 * minute },
    ];
    expect(codes(findVisitExceptions([visit({})], [], refused))).toEqual(['no_entry']);
  });

  it('ignores declined visits and flags visits on days the provider does not serve', () => {
    const found = findVisitExceptions(
      [
        visit({ state: 'declined', departure: null }),
        visit({ visitId: 'x', isServed: false, arrival: t0 + 60 * minute, departure: t0 + 80 * minute }),
      ],
      [],
      [],
    );
    expect(codes(found)).toEqual(['outside_service']);
  });

  it('raises nothing for an approved visit, which still counts as the planned visit it was', () => {
    const plan = { plannedVisitId: 'p1', customerId: 'karl', windowStart: t0, windowEnd: t0 + 60 * minute };
    const long = visit({ state: 'approved', departure: t0 + 300 * minute });
    expect(findVisitExceptions([long], [plan], [])).toEqual([]);
  });
});
