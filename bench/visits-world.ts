// A Stockholm-scale month of home care for the visits bench, on top of the load bench's registry
// (bench/load-world.ts: 15,000 customers, 24,000 locks, 60 providers, 8,000 staff): what the care
// system planned (planned visits, granted minutes) and what the locks saw (staff openings at the
// entrance and the apartment door, refused attempts, forgotten departures). Deterministic (seeded
// PRNG). Everything is given by table index, so two registries built by `buildLoadWorld` (same
// shape, other ids) get the same month: the bench ingests one with visit derivation and one
// without.
import type { ZoneClock } from '@portvakt/core';
import type { LoadWorld, Row } from './load-world';

export interface PlannedVisit {
  customer: number;
  provider: string;
  services: string[];
  minutes: number;
  staffCount: number;
  windowStart: number;
  windowEnd: number;
}

/** One lock record to be: when, by which staff member (index into the world's staff), refused or not. */
export interface Opening {
  time: number;
  staff: number;
  isDenied: boolean;
}

export interface VisitMonth {
  planned: PlannedVisit[];
  /** Minutes granted per customer (index) and service for the month. */
  granted: Array<{ customer: number; service: string; minutes: number }>;
  /** Per lock (index into lock_device rows), its openings in time order. */
  openingsByLock: Opening[][];
  openings: number;
  /** Visits the openings should make (apartment-door arrivals). */
  expectedVisits: number;
}

const rowsOf = (world: LoadWorld, table: string): Row[] =>
  world.tables.find((t) => t.table === table)?.rows ?? [];

// Daily slots of day home care (local hour, window minutes) and the minutes a visit is planned for.
const daySlots: Array<[number, number]> = [
  [7.5, 90],
  [11.5, 90],
  [16.5, 90],
  [20, 60],
];
const plannedMinutes = [15, 20, 30, 30, 45, 60];
const careServices = ['personal_care', 'meals', 'medication', 'shower', 'cleaning', 'supervision'];

/** `days` limits the month to its first days (a quicker run while working on derivation). */
export function buildVisitMonth(
  world: LoadWorld,
  monthStartMs: number,
  clock: ZoneClock,
  days = 31,
): VisitMonth {
  let state = 0x0f15_2026 >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;

  const customers = rowsOf(world, 'customer');
  const staff = rowsOf(world, 'staff_member');
  const locks = rowsOf(world, 'lock_device');
  const steps = rowsOf(world, 'access_path_step');
  const lockByDoor = new Map(locks.map((l, i) => [l.door_id as string, i]));
  const staffIndex = new Map(staff.map((s, i) => [s.id as string, i]));
  const activeMembers = new Map<string, number[]>();
  for (const m of rowsOf(world, 'team_membership')) {
    const s = staffIndex.get(m.staff_member_id as string)!;
    if (staff[s]!.employment_ends_on) continue;
    const list = activeMembers.get(m.team_id as string) ?? [];
    list.push(s);
    activeMembers.set(m.team_id as string, list);
  }
  const teamOf = new Map<string, string>();
  const teams = new Map(rowsOf(world, 'team').map((t) => [t.id as string, t]));
  for (const a of rowsOf(world, 'team_customer')) {
    const team = teams.get(a.team_id as string)!;
    teamOf.set(`${a.customer_id as string} ${team.provider_id as string}`, a.team_id as string);
  }
  const entranceOf = new Map<string, string>();
  for (const step of steps)
    if (step.position === 0) entranceOf.set(step.customer_id as string, step.door_id as string);
  const nightProviders = new Set(
    rowsOf(world, 'provider')
      .filter((p) => (p.kinds as string[]).includes('night_patrol'))
      .map((p) => p.id as string),
  );
  const customerIndex = new Map(customers.map((c, i) => [c.id as string, i]));

  const monthDays: number[] = [];
  const startLocalMinute = clock.toLocal(monthStartMs / 60_000);
  const startMonth = new Date(startLocalMinute * 60_000).getUTCMonth();
  for (
    let local = startLocalMinute;
    new Date(local * 60_000).getUTCMonth() === startMonth && monthDays.length < days;
    local += 1440
  )
    monthDays.push(local);
  const at = (localDayMinute: number, hour: number) =>
    clock.fromLocal(localDayMinute + Math.round(hour * 60)) * 60_000;

  const planned: PlannedVisit[] = [];
  const grantedBy = new Map<string, number>();
  const openingsByLock: Opening[][] = locks.map(() => []);
  const visitsToDo: Array<{
    customer: Row;
    members: number[];
    windowStart: number;
    windowMinutes: number;
    minutes: number;
  }> = [];
  let openings = 0;
  let expectedVisits = 0;
  const open = (door: string | undefined, time: number, who: number, isDenied = false) => {
    const lock = door === undefined ? undefined : lockByDoor.get(door);
    if (lock === undefined) return false;
    openingsByLock[lock]!.push({ time: Math.floor(time / 1000), staff: who, isDenied });
    openings++;
    return true;
  };

  for (const service of rowsOf(world, 'customer_service')) {
    if (service.service === 'safety_alarm') continue;
    const c = customerIndex.get(service.customer_id as string)!;
    const customer = customers[c]!;
    const team = teamOf.get(`${customer.id as string} ${service.provider_id as string}`);
    const members = team ? (activeMembers.get(team) ?? []) : [];
    if (members.length === 0) continue;
    const isHealth = service.service === 'home_health_care';
    const isNight = !isHealth && nightProviders.has(service.provider_id as string);
    const perDay = isHealth ? 0 : isNight ? 1 : 1 + (random() < 0.45 ? 1 : 0) + (random() < 0.1 ? 1 : 0);
    const slots = isNight ? [[23, 240] as [number, number]] : daySlots.slice(0, perDay);
    const minutes = pick(plannedMinutes);
    const services = isHealth ? ['medication'] : [pick(careServices)];
    const staffCount = random() < 0.03 ? 2 : 1;
    for (const day of monthDays) {
      const visitSlots = isHealth ? (random() < 0.3 ? [[10, 240] as [number, number]] : []) : slots;
      for (const [hour, windowMinutes] of visitSlots) {
        const windowStart = at(day, hour);
        const windowEnd = windowStart + windowMinutes * 60_000;
        planned.push({
          customer: c,
          provider: service.provider_id as string,
          services,
          minutes,
          staffCount,
          windowStart,
          windowEnd,
        });
        const key = `${c} ${services[0]!}`;
        grantedBy.set(key, (grantedBy.get(key) ?? 0) + minutes);
        if (random() < 0.03) continue; // not done, or done without the lock (a deviation)
        visitsToDo.push({ customer, members, windowStart, windowMinutes, minutes });
      }
    }
  }
  // Each team's staff go from visit to visit (a route): the visits in window order, each to the
  // member free soonest, so nobody is at two customers at once.
  const freeAt = new Map<number, number>();
  visitsToDo.sort((a, b) => a.windowStart - b.windowStart);
  for (const visit of visitsToDo) {
    let who = visit.members[0]!;
    for (const member of visit.members) if ((freeAt.get(member) ?? 0) < (freeAt.get(who) ?? 0)) who = member;
    const earliest = visit.windowStart + int(Math.max(1, (visit.windowMinutes - visit.minutes) / 3)) * 60_000;
    const arrival = Math.max(earliest, (freeAt.get(who) ?? 0) + (5 + int(10)) * 60_000);
    const stay = Math.max(5, Math.round(visit.minutes * (0.6 + random() * 0.8))) * 60_000;
    freeAt.set(who, arrival + stay);
    const { customer } = visit;
    open(entranceOf.get(customer.id as string), arrival - 60_000 - int(60) * 1000, who);
    if (random() < 0.02) open(customer.apartment_door_id as string, arrival - 30_000, who, true);
    if (open(customer.apartment_door_id as string, arrival, who)) {
      expectedVisits++;
      if (random() >= 0.01) open(customer.apartment_door_id as string, arrival + stay, who);
    }
  }
  for (const list of openingsByLock) list.sort((a, b) => a.time - b.time);
  const granted = [...grantedBy].map(([key, minutes]) => {
    const [customer, service] = key.split(' ') as [string, string];
    // The needs assessor grants about what was planned, some more, some less.
    return { customer: Number(customer), service, minutes: Math.round(minutes * (0.85 + random() * 0.3)) };
  });
  return { planned, granted, openingsByLock, openings, expectedVisits };
}
