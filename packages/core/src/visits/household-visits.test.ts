import { describe, expect, it } from 'vitest';
import {
  isHouseholdPair,
  shareHouseholdTime,
  type CountedTime,
  type HouseholdVisit,
} from './household-visits';

const t0 = Date.parse('2026-03-02T08:00:00Z');
const minute = 60_000;
const at = (minutes: number) => t0 + minutes * minute;
const visit = (overrides: Partial<HouseholdVisit>): HouseholdVisit => ({
  visitId: 'karl-1',
  customerId: 'karl',
  householdId: 'door-1',
  staffMemberIds: ['anna'],
  arrival: at(0),
  departure: at(40),
  ...overrides,
});
const toMinutes = (spans: readonly (readonly [number, number])[]) =>
  spans.map(([from, to]) => [(from - t0) / minute, (to - t0) / minute]);
/** Each visit's customer time in minutes from t0. */
const inMinutes = (shared: Map<string, CountedTime>) =>
  Object.fromEntries([...shared].map(([id, time]) => [id, toMinutes(time.customer)]));

describe('isHouseholdPair', () => {
  it('pairs two customers of one home, never a customer with themselves or strangers', () => {
    const karl = visit({});
    expect(isHouseholdPair(karl, visit({ customerId: 'greta' }))).toBe(true);
    expect(isHouseholdPair(karl, visit({ visitId: 'karl-2' }))).toBe(false);
    expect(isHouseholdPair(karl, visit({ customerId: 'greta', householdId: 'door-2' }))).toBe(false);
    expect(
      isHouseholdPair(visit({ householdId: null }), visit({ customerId: 'greta', householdId: null })),
    ).toBe(false);
  });
});

describe('shareHouseholdTime', () => {
  it('shares a couple’s visit by one staff member in two halves, in order of arrival', () => {
    const shared = shareHouseholdTime([
      visit({ visitId: 'greta-1', customerId: 'greta' }),
      visit({ arrival: at(-1) + 30_000 }),
    ]);
    // Karl's visit starts half a minute earlier and rounds to the same minute; ties go by id.
    expect(inMinutes(shared)).toEqual({ 'greta-1': [[0, 20]], 'karl-1': [[20, 40]] });
  });

  it('shares only the overlap, and in three where three visits meet', () => {
    const shared = shareHouseholdTime([
      visit({}),
      visit({ visitId: 'greta-1', customerId: 'greta', arrival: at(10), departure: at(50) }),
      visit({ visitId: 'bo-1', customerId: 'bo', arrival: at(20), departure: at(30) }),
    ]);
    expect(inMinutes(shared)).toEqual({
      'karl-1': [
        [0, 15],
        [20, 24],
        [30, 35],
      ],
      'greta-1': [
        [15, 20],
        [24, 27],
        [35, 50],
      ],
      'bo-1': [[27, 30]],
    });
    const counted = [...shared.values()]
      .flatMap((time) => time.customer)
      .reduce((sum, [from, to]) => sum + (to - from), 0);
    expect(counted).toBe(50 * minute);
  });

  it('keeps the whole time where each spouse has their own staff member, or it is one customer', () => {
    const shared = shareHouseholdTime([
      visit({}),
      visit({ visitId: 'greta-1', customerId: 'greta', staffMemberIds: ['bo'] }),
      visit({ visitId: 'karl-2', arrival: at(10), departure: at(20) }),
    ]);
    expect(inMinutes(shared)).toEqual({ 'karl-1': [[0, 40]], 'greta-1': [[0, 40]], 'karl-2': [[10, 20]] });
  });

  it('shares only the common staff member’s time: a second staff member with one spouse counts whole', () => {
    const shared = shareHouseholdTime([
      visit({ staffMemberIds: ['anna', 'bo'] }),
      visit({ visitId: 'greta-1', customerId: 'greta', arrival: at(20) }),
    ]);
    // Anna alone with Karl until 20, then 10 minutes each; Bo with Karl all 40.
    expect(toMinutes(shared.get('karl-1')!.staff[0]!)).toEqual([[0, 30]]);
    expect(toMinutes(shared.get('karl-1')!.staff[1]!)).toEqual([[0, 40]]);
    expect(toMinutes(shared.get('greta-1')!.staff[0]!)).toEqual([[30, 40]]);
    expect(inMinutes(shared)).toEqual({ 'karl-1': [[0, 40]], 'greta-1': [[30, 40]] });
  });

  it('keeps the seconds of a visit that overlaps no one, as the run always counted it', () => {
    const alone = visit({ arrival: at(0) + 40_000, departure: at(30) + 10_000 });
    const own = { customer: [[alone.arrival, alone.departure]], staff: [[[alone.arrival, alone.departure]]] };
    expect(shareHouseholdTime([alone]).get('karl-1')).toEqual(own);
    expect(shareHouseholdTime([{ ...alone, householdId: null }]).get('karl-1')).toEqual(own);
  });

  it('leaves visits outside a shared home, and neighbours at another door, whole', () => {
    const shared = shareHouseholdTime([
      visit({ householdId: null }),
      visit({ visitId: 'greta-1', customerId: 'greta', householdId: null }),
      visit({ visitId: 'olle-1', customerId: 'olle', householdId: 'door-2' }),
    ]);
    expect(inMinutes(shared)).toEqual({ 'karl-1': [[0, 40]], 'greta-1': [[0, 40]], 'olle-1': [[0, 40]] });
  });
});
