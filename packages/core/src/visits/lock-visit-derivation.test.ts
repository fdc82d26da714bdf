import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveLockVisits, type LockOpening } from './lock-visit-derivation';

const t0 = Date.parse('2026-03-02T08:00:00+01:00');
const minute = 60_000;
const opening = (at: number, sequence: number, staffPseudonym = 'anna', doorId = 'door-1'): LockOpening => ({
  deviceId: `lock-${doorId}`,
  sequence,
  at,
  doorId,
  staffPseudonym,
});

describe('deriveLockVisits', () => {
  it('pairs an arrival and the same staff member’s next opening into one visit with both records', () => {
    const changes = deriveLockVisits([], [opening(t0, 1), opening(t0 + 25 * minute, 2)], 120);
    expect(changes.completed).toEqual([]);
    expect(changes.created).toEqual([
      {
        doorId: 'door-1',
        staffPseudonym: 'anna',
        arrival: t0,
        arrivalRecord: { deviceId: 'lock-door-1', sequence: 1 },
        departure: t0 + 25 * minute,
        departureRecord: { deviceId: 'lock-door-1', sequence: 2 },
      },
    ]);
  });

  it('completes a visit left open by an earlier upload instead of starting a new one', () => {
    const open = [{ visitId: 'v1', doorId: 'door-1', staffPseudonym: 'anna', arrival: t0 }];
    const changes = deriveLockVisits(open, [opening(t0 + 40 * minute, 7)], 120);
    expect(changes.created).toEqual([]);
    expect(changes.completed).toEqual([
      {
        visitId: 'v1',
        departure: t0 + 40 * minute,
        departureRecord: { deviceId: 'lock-door-1', sequence: 7 },
      },
    ]);
  });

  it('starts a new visit when the next opening is later than the maximum visit length', () => {
    const open = [{ visitId: 'v1', doorId: 'door-1', staffPseudonym: 'anna', arrival: t0 }];
    const changes = deriveLockVisits(open, [opening(t0 + 121 * minute, 8)], 120);
    expect(changes.completed).toEqual([]);
    expect(changes.created).toHaveLength(1);
    expect(changes.created[0]).toMatchObject({ arrival: t0 + 121 * minute, departure: null });
  });

  it('keeps staff members and doors apart: two staff at one door make two visits', () => {
    const changes = deriveLockVisits(
      [],
      [opening(t0, 1, 'anna'), opening(t0 + minute, 2, 'bo'), opening(t0 + 20 * minute, 3, 'anna')],
      120,
    );
    expect(changes.created.map((v) => [v.staffPseudonym, v.departure])).toEqual([
      ['anna', t0 + 20 * minute],
      ['bo', null],
    ]);
  });

  it('accounts for every opening exactly once, in any order of arrival (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            offset: fc.integer({ min: 0, max: 600 }),
            staff: fc.constantFrom('anna', 'bo'),
            door: fc.constantFrom('d1', 'd2'),
          }),
          { maxLength: 30 },
        ),
        (drawn) => {
          const openings = drawn.map((d, i) => opening(t0 + d.offset * minute, i + 1, d.staff, d.door));
          const changes = deriveLockVisits([], openings, 120);
          const used = changes.created.flatMap((v) => [v.arrivalRecord, v.departureRecord ?? []].flat());
          expect(used.map((r) => r.sequence).sort((a, b) => a - b)).toEqual(openings.map((o) => o.sequence));
          for (const visit of changes.created)
            if (visit.departure !== null) {
              expect(visit.departure).toBeGreaterThan(visit.arrival);
              expect(visit.departure - visit.arrival).toBeLessThanOrEqual(120 * minute);
            }
          const reversed = deriveLockVisits([], [...openings].reverse(), 120);
          expect(reversed.created.length).toBe(changes.created.length);
        },
      ),
    );
  });
});
