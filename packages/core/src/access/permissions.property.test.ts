// Property: for random worlds, compile, the single check and explain always agree, and the
// protocol's own reading of the compiled weekly windows agrees with them too.
import { findLockGrant, isWithinWindows } from '@portvakt/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PermissionFacts, ServiceKind } from './permission-facts';
import {
  accessPathOf,
  buildPermissionIndex,
  compileLockList,
  explain,
  mayOpen,
  mayServeCustomer,
  toLockGrants,
  whoCanOpen,
} from './index';
import { stockholm } from './permissions.testing';

const kinds: ServiceKind[] = ['home_care', 'safety_alarm', 'home_health_care'];
const clockTime = fc
  .integer({ min: 0, max: 47 })
  .map((n) => `${String(Math.floor(n / 2)).padStart(2, '0')}:${n % 2 ? '30' : '00'}`);
const dailyWindow = fc
  .record({
    from: clockTime,
    to: clockTime,
    days: fc.option(fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }), { nil: undefined }),
  })
  .filter((w) => w.from !== w.to);
// Around the spring DST change and an ordinary week.
const baseDates = ['2026-03-26', '2026-10-22', '2026-06-10'];
const dayOffset = fc.integer({ min: -3, max: 8 });
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const rarely = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: arb, weight: 1 });
const instant = (base: string, hours: number) => new Date(stockholm(`${base} 00:00`) + hours * 3_600_000);

const world = fc
  .record({
    base: fc.constantFrom(...baseDates),
    providers: fc.array(
      fc.array(fc.record({ kind: fc.constantFrom(...kinds), window: dailyWindow }), { maxLength: 3 }),
      { minLength: 2, maxLength: 2 },
    ),
    customers: fc.array(
      fc.record({ district: fc.integer({ min: 0, max: 1 }), refused: rarely(fc.constant(true)) }),
      { minLength: 1, maxLength: 4 },
    ),
    services: fc.array(
      fc.record({
        customer: fc.nat(),
        provider: fc.nat(),
        kind: fc.constantFrom(...kinds),
        start: dayOffset,
        length: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 10 },
    ),
    teams: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
    assignments: fc.array(
      fc.record({
        team: fc.nat(),
        customer: fc.nat(),
        from: fc.option(fc.integer({ min: -48, max: 120 }), { nil: undefined }),
        hours: fc.integer({ min: 1, max: 200 }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    staff: fc.array(fc.record({ provider: fc.nat(), endsOn: rarely(dayOffset) }), {
      minLength: 1,
      maxLength: 3,
    }),
    memberships: fc.array(
      fc.record({
        staff: fc.nat(),
        team: fc.nat(),
        from: fc.integer({ min: -48, max: 100 }),
        hours: fc.option(fc.integer({ min: 1, max: 150 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    areaRules: fc.array(
      fc.record({
        team: fc.nat(),
        district: fc.integer({ min: 0, max: 1 }),
        kind: fc.constantFrom(...kinds),
      }),
      { maxLength: 3 },
    ),
    grants: fc.array(
      fc.record({
        staff: fc.nat(),
        customer: fc.option(fc.nat(), { nil: undefined }),
        door: fc.nat(),
        from: fc.integer({ min: -48, max: 100 }),
        hours: fc.integer({ min: 1, max: 150 }),
      }),
      { maxLength: 3 },
    ),
    shared: fc.array(
      fc.record({ door: fc.nat(), team: fc.option(fc.nat(), { nil: undefined }), staff: fc.nat() }),
      { maxLength: 3 },
    ),
    entrances: fc.array(fc.subarray([0, 1, 2, 3]), { maxLength: 2 }),
    probe: fc.record({
      staff: fc.nat(),
      at: fc.integer({ min: -24, max: 150 }),
      validHours: fc.integer({ min: 1, max: 120 }),
    }),
  })
  .map((w) => {
    const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;
    const providerIds = w.providers.map((_, i) => `p${i}`);
    const customerIds = w.customers.map((_, i) => `c${i}`);
    const teamIds = w.teams.map((_, i) => `t${i}`);
    const staffIds = w.staff.map((_, i) => `s${i}`);
    const doors: PermissionFacts['doors'][number][] = [];
    const locks: PermissionFacts['locks'][number][] = [];
    const paths = customerIds.map((id) => ({ customerId: id, doorIds: [] as string[] }));
    w.entrances.forEach((members, i) => {
      doors.push({ id: `e${i}`, kind: 'entrance', label: `Entrance ${i}` });
      locks.push({ id: `L-e${i}`, doorId: `e${i}`, number: 100 + i });
      for (const m of members) paths[m % paths.length]!.doorIds.push(`e${i}`);
    });
    customerIds.forEach((id, i) => {
      doors.push({ id: `a${i}`, kind: 'apartment_door', label: `Apartment ${i}` });
      locks.push({ id: `L-a${i}`, doorId: `a${i}`, number: 200 + i });
      paths[i]!.doorIds.push(`a${i}`);
    });
    doors.push({ id: 'laundry', kind: 'laundry_room', label: 'Laundry' });
    locks.push({ id: 'L-laundry', doorId: 'laundry', number: 300 });
    const doorIds = doors.map((d) => d.id);
    const facts: PermissionFacts = {
      timeZone: 'Europe/Stockholm',
      providers: w.providers.map((windows, i) => {
        const serviceWindows: Partial<Record<ServiceKind, { from: string; to: string; days?: number[] }[]>> =
          {};
        for (const { kind, window } of windows) (serviceWindows[kind] ??= []).push(window);
        return { id: `p${i}`, name: `Provider ${i}`, kinds: ['day_home_care'], serviceWindows };
      }),
      customers: w.customers.map((c, i) => ({
        id: `c${i}`,
        name: `Customer ${i}`,
        districtId: `d${c.district}`,
        hasRefusedLock: c.refused === true,
      })),
      services: w.services.map((s) => ({
        customerId: pick(customerIds, s.customer),
        providerId: pick(providerIds, s.provider),
        service: s.kind,
        startsOn: addDays(w.base, s.start),
        endsOn: s.length === undefined ? null : addDays(w.base, s.start + s.length),
      })),
      teams: w.teams.map((p, i) => ({ id: `t${i}`, providerId: pick(providerIds, p), name: `Team ${i}` })),
      teamCustomers: w.assignments.map((a) => ({
        teamId: pick(teamIds, a.team),
        customerId: pick(customerIds, a.customer),
        validFrom: a.from === undefined ? null : instant(w.base, a.from),
        validUntil: a.from === undefined ? null : instant(w.base, a.from + a.hours),
      })),
      staff: w.staff.map((s, i) => ({
        id: `s${i}`,
        providerId: pick(providerIds, s.provider),
        name: `Staff ${i}`,
        employmentStartsOn: '2020-01-01',
        employmentEndsOn: s.endsOn === undefined ? null : addDays(w.base, s.endsOn),
      })),
      memberships: w.memberships.map((m) => ({
        staffId: pick(staffIds, m.staff),
        teamId: pick(teamIds, m.team),
        validFrom: instant(w.base, m.from),
        validUntil: m.hours === undefined ? null : instant(w.base, m.from + m.hours),
      })),
      areaRules: w.areaRules.map((r) => ({
        teamId: pick(teamIds, r.team),
        districtId: `d${r.district}`,
        service: r.kind,
      })),
      individualGrants: w.grants.map((g, i) => ({
        id: `g${i}`,
        staffId: pick(staffIds, g.staff),
        ...(g.customer === undefined
          ? { doorId: pick(doorIds, g.door) }
          : { customerId: pick(customerIds, g.customer) }),
        validFrom: instant(w.base, g.from),
        validUntil: instant(w.base, g.from + g.hours),
        reason: 'test',
        grantedBy: 'Lead',
      })),
      sharedDoorGrants: w.shared.map((g, i) => ({
        id: `sh${i}`,
        doorId: pick(doorIds, g.door),
        ...(g.team === undefined ? { staffId: pick(staffIds, g.staff) } : { teamId: pick(teamIds, g.team) }),
      })),
      accessPaths: paths,
      doors,
      locks,
    };
    return {
      facts,
      staffId: pick(staffIds, w.probe.staff),
      at: instant(w.base, w.probe.at).getTime() + 17_000,
      validForSeconds: w.probe.validHours * 3600,
    };
  });

describe('permission model properties', () => {
  it('compile, mayOpen, explain and the protocol’s window check agree at every probed minute', () => {
    fc.assert(
      fc.property(
        world,
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 30, maxLength: 30 }),
        (w, probes) => {
          const index = buildPermissionIndex(w.facts);
          const list = compileLockList(index, w.staffId, w.at, { validForSeconds: w.validForSeconds });
          const grants = toLockGrants(list);
          const span = list.validUntil - list.issuedAt;
          for (const lock of w.facts.locks) {
            const compiled = list.locks.find((l) => l.lockId === lock.id);
            const grant = findLockGrant({ locks: grants } as never, lock.number!);
            const edges = compiled?.intervals.flatMap((i) => [i.from, i.until - 1, i.until]) ?? [];
            const times = [
              ...probes.map((p) => list.issuedAt + Math.floor((p / 1_000_000) * span)),
              ...edges,
            ];
            for (const t of times) {
              if (t < list.issuedAt || t >= list.validUntil) continue;
              const allowed = mayOpen(index, w.staffId, lock.id, t);
              const why = explain(index, w.staffId, lock.id, t);
              expect(why.isAllowed).toBe(allowed);
              expect(why.reasons.length).toBeGreaterThan(0);
              // Asking for the allowing reasons only changes nothing but the denials' words.
              const allowedOnly = explain(index, w.staffId, lock.id, t, { isAllowedOnly: true });
              expect(allowedOnly).toEqual({ ...why, reasons: allowed ? why.reasons : [] });
              if (list.truncatedLockIds.includes(lock.id)) continue;
              const inList = compiled?.intervals.some((i) => i.from <= t && t < i.until) ?? false;
              expect(inList).toBe(allowed);
              const inTicket = grant !== undefined && isWithinWindows(grant, Math.floor(t / 1000));
              expect(inTicket).toBe(allowed);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('mayServeCustomer is mayOpen of the customer’s own door, were it locked, without door grants', () => {
    fc.assert(
      fc.property(
        world,
        fc.array(fc.integer({ min: -24, max: 150 }), { minLength: 6, maxLength: 6 }),
        (w, hours) => {
          const index = buildPermissionIndex(w.facts);
          // The same world where nobody refused a lock and no door is granted on its own: each
          // customer's apartment door then opens exactly through that customer.
          const throughCustomers = buildPermissionIndex({
            ...w.facts,
            customers: w.facts.customers.map((c) => ({ ...c, hasRefusedLock: false })),
            individualGrants: (w.facts.individualGrants ?? []).filter((g) => g.customerId !== undefined),
            sharedDoorGrants: [],
          });
          for (const hour of hours) {
            const at = w.at + hour * 3_600_000;
            for (const staff of w.facts.staff) {
              w.facts.customers.forEach((customer, i) => {
                expect(mayServeCustomer(index, staff.id, customer.id, at)).toBe(
                  mayOpen(throughCustomers, staff.id, `L-a${i}`, at),
                );
              });
            }
          }
          expect(mayServeCustomer(index, w.staffId, 'no-such-customer', w.at)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('whoCanOpen equals explaining every candidate for every lock, for every provider scope', () => {
    fc.assert(
      fc.property(world, fc.integer({ min: -24, max: 150 }), (w, hours) => {
        const index = buildPermissionIndex(w.facts);
        const at = w.at + hours * 3_600_000;
        const lockIds = w.facts.locks.map((lock) => lock.id);
        for (const customer of w.facts.customers) {
          const chosen = new Set(
            w.facts.services.filter((s) => s.customerId === customer.id).map((s) => s.providerId),
          );
          const granted = new Set(
            (w.facts.individualGrants ?? [])
              .filter((g) => g.customerId === customer.id)
              .map((g) => g.staffId),
          );
          const path = w.facts.accessPaths.find((p) => p.customerId === customer.id)!.doorIds;
          expect(accessPathOf(index, customer.id)).toEqual(
            [...new Set(path)].map((doorId) => {
              const door = w.facts.doors.find((d) => d.id === doorId)!;
              const lock = w.facts.locks.find((l) => l.doorId === doorId);
              return { doorId, label: door.label, kind: door.kind, lockId: lock?.id ?? null };
            }),
          );
          for (const providerId of [undefined, ...w.facts.providers.map((p) => p.id)]) {
            const answer = whoCanOpen(index, customer.id, lockIds, at, { providerId });
            for (const lockId of lockIds) {
              const expected = w.facts.staff
                .filter(
                  (staff) =>
                    (chosen.has(staff.providerId) || granted.has(staff.id)) &&
                    (providerId === undefined || staff.providerId === providerId),
                )
                .flatMap((staff) => {
                  const result = explain(index, staff.id, lockId, at, { customerId: customer.id });
                  return result.isAllowed
                    ? [
                        {
                          staffId: staff.id,
                          name: staff.name,
                          providerId: staff.providerId,
                          reasons: result.reasons,
                        },
                      ]
                    : [];
                });
              expect(answer.get(lockId)).toEqual(expected);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
