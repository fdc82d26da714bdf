// The live demo's district, read from the demo municipality's registry (seed-demo): a few of its
// teams (a home-care team with hardware keys, one with phones, the night patrol, the day alarm
// patrol), some of their customers, the locks on those customers' ways in and the properties
// with their coordinates. The simulation's District is plain data; here it mirrors the registry,
// so the server's permission compiler gives each key the doors the simulation walks to. Visit
// times are kept only where the permission model lets the team in (service windows), except one
// night-patrol visit the night patrol is not permitted for, which shows a refusal.
import { buildPermissionIndex, mayOpen } from '@portvakt/core';
import type { Customer, District, LockSpec, Property, StaffMember, Team } from '@portvakt/simulation';
import { SeededRandom } from '@portvakt/simulation';
import { loadPermissionFacts } from '@portvakt/storage';
import type pg from 'pg';

/** The registry ids behind the district's numbers, for the server-backed issuer. */
export interface DemoDistrict {
  district: District;
  lockIdOf: (lockNumber: number) => string;
  providerOf: (staffId: string) => string;
  staffNameOf: (staffId: string) => string;
  teamNameOf: (teamId: string) => string;
  /**
   * A district lock as the console names it: serial, property designation and door label
   * ("PV-CR-000049, Bagaren 3 Port B"). The district numbers its locks in order of first use; the
   * console shows neither that number nor, for every lock, the issuer's.
   */
  lockNameOf: (lockNumber: number) => string;
  /** The registry door a district lock is on, for the emergency report. */
  doorIdOf: (lockNumber: number) => string;
  /**
   * Whose staff stand outside when a night-patrol visit is refused (the emergency report names
   * it): the night patrol's provider when it serves the customer, else the home-care provider.
   */
  emergencyProviderOf: (customerId: string) => string;
}

export interface DemoDistrictOptions {
  pool: pg.Pool;
  municipalityId: string;
  /** Reads a registry list as the demo admin, page by page. */
  listAll: (path: string) => Promise<Array<Record<string, unknown>>>;
  /** The simulation's first instant (seconds); permissions are checked on that day. */
  start: number;
  seed: number;
  /** Locks that already have a device enrolled (seed-demo's week of events): left out. */
  enrolledLockIds?: ReadonlySet<string>;
  customersPerTeam?: number;
  staffPerTeam?: number;
}

const teamPicks = [
  { name: 'Hemtjänst Centrum 1', kind: 'home-care', holder: 'key' },
  { name: 'Omsorgshuset Centrum', kind: 'home-care', holder: 'phone' },
  { name: 'Nattpatrull Norra', kind: 'night-patrol', holder: 'phone' },
  { name: 'Larmgrupp Dag', kind: 'alarm', holder: 'key' },
] as const;

const templates = [
  [8 * 60, 12 * 60, 17 * 60],
  [9 * 60, 16 * 60 + 30],
  [7 * 60 + 30, 11 * 60 + 30, 14 * 60, 19 * 60],
  [10 * 60],
];

const isValidAt = (from: unknown, until: unknown, at: number) =>
  (!from || new Date(from as string).getTime() <= at) && (!until || new Date(until as string).getTime() > at);

/** Builds the district from the demo municipality's registry. */
export async function readDemoDistrict(options: DemoDistrictOptions): Promise<DemoDistrict> {
  const { facts } = await loadPermissionFacts(options.pool, options.municipalityId);
  const index = buildPermissionIndex(facts);
  const random = new SeededRandom(options.seed);
  const dayStart = Math.floor(options.start / 86400) * 86400;
  const atMs = (minute: number) => (dayStart + minute * 60) * 1000;
  const doors = new Map((await options.listAll('doors')).map((door) => [door.id as string, door]));
  const properties = new Map((await options.listAll('properties')).map((p) => [p.id as string, p]));
  const serials = new Map((await options.listAll('locks')).map((lock) => [lock.id as string, lock.serial]));
  const lockOfDoor = new Map(facts.locks.map((lock) => [lock.doorId, lock.id]));
  const pathOf = new Map(facts.accessPaths.map((path) => [path.customerId, path.doorIds]));
  const nameOf = new Map(facts.customers.map((customer) => [customer.id, customer.name]));
  const staffFacts = new Map(facts.staff.map((staff) => [staff.id, staff]));
  const perTeam = options.customersPerTeam ?? 8;
  const staffPerTeam = options.staffPerTeam ?? 5;
  const now = dayStart * 1000 + 12 * 3600 * 1000;

  const findTeam = (name: string) => {
    const team = facts.teams.find((t) => t.name === name);
    if (!team) throw new Error(`the demo municipality has no team "${name}"; run a fresh demo`);
    return team;
  };
  const membersOf = (teamId: string) =>
    facts.memberships
      .filter((m) => m.teamId === teamId && isValidAt(m.validFrom, m.validUntil, now))
      .map((m) => m.staffId)
      .filter((id, i, all) => all.indexOf(id) === i && staffFacts.get(id)?.employmentEndsOn == null)
      .sort()
      .slice(0, staffPerTeam);
  const locksOf = (customerId: string) => (pathOf.get(customerId) ?? []).map((door) => lockOfDoor.get(door));
  const isLockedWayIn = (customerId: string) => {
    const locks = locksOf(customerId);
    return (
      locks.length > 0 && locks.every((lock) => lock !== undefined && !options.enrolledLockIds?.has(lock))
    );
  };
  const mayEnter = (staffId: string, customerId: string, at: number) =>
    locksOf(customerId).every((lock) => mayOpen(index, staffId, lock!, at));

  const customerIds: string[] = [];
  const homeCare = new Map<string, { team: number; minutes: number[] }>();
  const picked = teamPicks.map((pick) => ({
    pick,
    team: findTeam(pick.name),
    staff: membersOf(findTeam(pick.name).id),
  }));
  for (const [t, { pick, team, staff }] of picked.entries()) {
    if (pick.kind !== 'home-care' || staff.length === 0) continue;
    const assigned = facts.teamCustomers
      .filter((row) => row.teamId === team.id && isValidAt(row.validFrom, row.validUntil, now))
      .map((row) => row.customerId)
      .filter((id, i, all) => all.indexOf(id) === i && isLockedWayIn(id))
      .sort();
    for (const customerId of assigned) {
      if ([...homeCare.values()].filter((plan) => plan.team === t).length >= perTeam) break;
      const shift = random.int(-30, 30);
      const minutes = random
        .pick(templates)
        .map((m) => m + shift)
        .filter(
          (m) => mayEnter(staff[0]!, customerId, atMs(m)) && mayEnter(staff[0]!, customerId, atMs(m + 50)),
        );
      if (minutes.length === 0 || homeCare.has(customerId)) continue;
      homeCare.set(customerId, { team: t, minutes });
      customerIds.push(customerId);
    }
  }
  const night = picked[2]!;
  const alarm = picked[3]!;
  const nightMinutes = new Map<string, number[]>();
  const today = new Date(dayStart * 1000).toISOString().slice(0, 10);
  const nightServed = new Set(
    facts.services
      .filter(
        (service) =>
          service.providerId === night.team.providerId &&
          service.startsOn <= today &&
          (!service.endsOn || service.endsOn >= today),
      )
      .map((service) => service.customerId),
  );
  // The refused visit: preferably a customer the night patrol's provider serves but whose team
  // is not assigned (a planning gap), so the emergency report names the night patrol.
  const refusable = customerIds.filter(
    (id) => night.staff.length > 0 && !mayEnter(night.staff[0]!, id, atMs(23 * 60 + 30)),
  );
  const refusedNight = refusable.find((id) => nightServed.has(id)) ?? refusable[0];
  if (refusedNight) nightMinutes.set(refusedNight, [90]);
  for (const customerId of customerIds) {
    const minute = random.int(40, 420);
    if (night.staff.length === 0 || nightMinutes.size >= 5) break;
    if (mayEnter(night.staff[0]!, customerId, atMs(22 * 60 + minute))) nightMinutes.set(customerId, [minute]);
  }
  const alarmCustomers = new Set(
    alarm.staff.length === 0
      ? []
      : customerIds.filter(
          (id) =>
            mayEnter(alarm.staff[0]!, id, atMs(10 * 60)) && mayEnter(alarm.staff[0]!, id, atMs(14 * 60)),
        ),
  );

  // Properties and locks, numbered in order of first use.
  const propertyIndex = new Map<string, number>();
  const districtProperties: Property[] = [];
  const locks: LockSpec[] = [];
  const lockIds: string[] = [];
  const lockNumberOf = new Map<string, number>();
  const origin = properties.get(doors.get(pathOf.get(customerIds[0]!)![0]!)!.propertyId as string)!;
  const lat0 = Number(origin.latitude ?? 0);
  const lon0 = Number(origin.longitude ?? 0);
  const placeOf = (property: Record<string, unknown>) => ({
    x: Math.round((Number(property.longitude ?? lon0) - lon0) * 111_320 * Math.cos((lat0 * Math.PI) / 180)),
    y: Math.round((Number(property.latitude ?? lat0) - lat0) * 110_540),
  });
  const propertyOf = (propertyId: string) => {
    let i = propertyIndex.get(propertyId);
    if (i === undefined) {
      const row = properties.get(propertyId)!;
      i = districtProperties.length;
      propertyIndex.set(propertyId, i);
      districtProperties.push({
        id: propertyId,
        name: typeof row.streetAddress === 'string' ? row.streetAddress : propertyId,
        area: 0,
        at: placeOf(row),
        entranceLocks: [],
      });
    }
    return i;
  };
  const customers: Customer[] = customerIds.map((customerId, c) => {
    const path = pathOf.get(customerId)!;
    const numbers = path.map((doorId, step) => {
      const lockId = lockOfDoor.get(doorId)!;
      const property = propertyOf(doors.get(doorId)!.propertyId as string);
      let number = lockNumberOf.get(lockId);
      if (number === undefined) {
        number = locks.length + 1;
        lockNumberOf.set(lockId, number);
        lockIds.push(lockId);
        const isDoor = step === path.length - 1;
        locks.push({
          number,
          kind: isDoor ? 'door' : 'entrance',
          property,
          ...(isDoor ? { customer: c } : {}),
          // One lock starts nearly empty, so the demo shows a battery change on the morning round.
          batteryPercent: locks.length === 1 ? 4 : random.int(25, 100),
        });
        if (!isDoor) districtProperties[property]!.entranceLocks.push(number);
      }
      return number;
    });
    const plan = homeCare.get(customerId)!;
    const doorProperty = locks[numbers.at(-1)! - 1]!.property;
    return {
      id: customerId,
      name: nameOf.get(customerId) ?? customerId,
      property: doorProperty,
      ...(numbers.length > 1 ? { entranceLock: numbers.at(-2)! } : {}),
      doorLock: numbers.at(-1)!,
      homeCare: { minutes: plan.minutes, weekdays: [0, 1, 2, 3, 4, 5, 6] },
      nightPatrolMinutes: nightMinutes.get(customerId) ?? [],
      hasSafetyAlarm: alarmCustomers.has(customerId),
      homeCareTeam: plan.team,
      ...(nightMinutes.has(customerId) ? { nightTeam: 2 } : {}),
      ...(alarmCustomers.has(customerId) ? { alarmTeam: 3 } : {}),
    };
  });

  const staff: StaffMember[] = [];
  const providerOfStaff = new Map<string, string>();
  const teams: Team[] = picked.map(({ pick, team, staff: members }, t) => {
    const served = customers.flatMap((customer, c) =>
      (pick.kind === 'home-care' && customer.homeCareTeam === t) ||
      (pick.kind === 'night-patrol' && customer.nightTeam === t) ||
      (pick.kind === 'alarm' && customer.alarmTeam === t)
        ? [c]
        : [],
    );
    const places = served.map((c) => districtProperties[customers[c]!.property]!.at);
    const base = {
      x: Math.round(places.reduce((s, p) => s + p.x, 0) / Math.max(places.length, 1)),
      y: Math.round(places.reduce((s, p) => s + p.y, 0) / Math.max(places.length, 1)),
    };
    const staffIndices = members.map((id) => {
      providerOfStaff.set(id, team.providerId);
      staff.push({
        id,
        name: staffFacts.get(id)!.name,
        team: t,
        pin: String(1000 + staff.length * 131).slice(0, 4),
        username: `demo.app.${staff.length + 1}`,
        password: 'demo-portvakt-2026',
      });
      return staff.length - 1;
    });
    const teamLocks = new Set<number>();
    for (const c of served) {
      const { doorLock, entranceLock } = customers[c]!;
      teamLocks.add(doorLock);
      if (entranceLock !== undefined) teamLocks.add(entranceLock);
    }
    return {
      id: team.id,
      name: team.name,
      kind: pick.kind,
      base,
      holderKind: pick.holder,
      staff: staffIndices,
      customers: served,
      locks: [...teamLocks].sort((a, b) => a - b),
      shifts:
        pick.kind === 'home-care' ? ['day', 'evening'] : pick.kind === 'night-patrol' ? ['night'] : ['day'],
      dayGroup: pick.kind === 'home-care' ? Math.ceil(staffIndices.length / 2) : 0,
    };
  });
  const district: District = {
    seed: options.seed,
    municipality: 'demo',
    areas: [{ name: 'Portvik', centre: { x: 0, y: 0 } }],
    properties: districtProperties,
    customers,
    teams,
    staff,
    locks,
  };
  return {
    district,
    lockIdOf: (number) => lockIds[number - 1]!,
    providerOf: (staffId) => providerOfStaff.get(staffId)!,
    staffNameOf: (staffId) => staffFacts.get(staffId)?.name ?? staffId,
    teamNameOf: (teamId) => facts.teams.find((team) => team.id === teamId)?.name ?? teamId,
    lockNameOf: (number) => {
      const lockId = lockIds[number - 1]!;
      const door = doors.get(facts.locks.find((lock) => lock.id === lockId)!.doorId)!;
      const property = properties.get(door.propertyId as string)!;
      return `${String(serials.get(lockId))}, ${String(property.designation)} ${String(door.label)}`;
    },
    doorIdOf: (number) => facts.locks.find((lock) => lock.id === lockIds[number - 1])!.doorId,
    emergencyProviderOf: (customerId) =>
      nightServed.has(customerId)
        ? night.team.providerId
        : picked[homeCare.get(customerId)?.team ?? 0]!.team.providerId,
  };
}
