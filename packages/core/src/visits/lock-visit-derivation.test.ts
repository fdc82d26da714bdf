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

  it('lets a phone visit’s own key turns confirm it, from a quarter of an hour before its arrival to one after its departure', () => {
    const phone = {
      visitId: 'p1',
      doorId: 'door-1',
      staffPseudonym: 'anna',
      arrival: t0,
      departure: t0 + 30 * minute,
    };
    const turns = [-15, -1, 10, 31, 45].map((m, i) => opening(t0 + m * minute, i + 1));
    const changes = deriveLockVisits([], [...turns, opening(t0 + 5 * minute, 9, 'bo')], 120, [phone]);
    expect(changes.confirmed.map((c) => c.record.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(changes.confirmed.every((c) => c.visitId === 'p1')).toBe(true);
    // Another staff member's turn is a visit of its own.
    expect(changes.created.map((v) => [v.staffPseudonym, v.arrival])).toEqual([['bo', t0 + 5 * minute]]);
    // A turn a minute beyond the margin, before or after, is a visit of its own: a second call
    // later the same morning with the key alone is billed, not swallowed by the first.
    for (const m of [-16, 46, 90]) {
      const alone = deriveLockVisits([], [opening(t0 + m * minute, 1)], 120, [phone]);
      expect(alone.confirmed).toEqual([]);
      expect(alone.created.map((v) => v.arrival)).toEqual([t0 + m * minute]);
    }
  });

  it('gives a turn to the nearest phone visit, and to one still open only within the window after its arrival', () => {
    const morning = {
      visitId: 'p1',
      doorId: 'door-1',
      staffPseudonym: 'anna',
      arrival: t0,
      departure: t0 + 20 * minute,
    };
    const next = {
      visitId: 'p2',
      doorId: 'door-1',
      staffPseudonym: 'anna',
      arrival: t0 + 30 * minute,
      departure: null,
    };
    const changes = deriveLockVisits(
      [],
      [22, 27, 140, 151].map((m, i) => opening(t0 + m * minute, i + 1)),
      120,
      [morning, next],
    );
    expect(changes.confirmed.map((c) => [c.visitId, c.record.sequence])).toEqual([
      ['p1', 1],
      ['p2', 2],
      ['p2', 3],
    ]);
    expect(changes.created.map((v) => v.arrival)).toEqual([t0 + 151 * minute]);
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
