// The permissions bench's world: a generated Stockholm-scale registry as permission facts
// (deterministic: one seeded PRNG, which the bench goes on drawing from for its samples).
import type { DoorFact, PermissionFacts, ServiceKind } from '@portvakt/core';
import cliProgress from 'cli-progress';
import { districtNames, familyNames, givenNames, teamDistrictIndex } from './stockholm-names';

export const scale = { customers: 15_000, locks: 24_000, providers: 60, teams: 600, staff: 8_000 };
const seed = 0x5eed_2026;

// ---- deterministic PRNG (mulberry32) --------------------------------------------------------
let state = seed >>> 0;
export function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
export const int = (n: number) => Math.floor(random() * n);
export const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
export const chance = (p: number) => random() < p;
export function uuid(): string {
  const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
}

// ---- progress -----------------------------------------------------------------------------
export function progress(label: string, total: number): { tick: (n?: number) => void; stop: () => void } {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label.padEnd(22)} [{bar}] {percentage}% | {value}/{total}`, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { tick: (n = 1) => bar.increment(n), stop: () => bar.stop() };
  }
  let done = 0;
  let nextReport = 0.25;
  console.log(`${label}: 0/${total}`);
  return {
    tick: (n = 1) => {
      done += n;
      while (done / total >= nextReport && nextReport <= 1) {
        console.log(`${label}: ${done}/${total} (${Math.round(nextReport * 100)}%)`);
        nextReport += 0.25;
      }
    },
    stop: () => undefined,
  };
}

// ---- the world ------------------------------------------------------------------------------
const personName = () => `${pick(givenNames)} ${pick(familyNames)}`;

export interface World {
  facts: PermissionFacts;
  staffIds: string[];
  lockIds: string[];
  /** Per staff member, locks they plausibly deal with (their teams' customers). */
  nearbyLocks: Map<string, string[]>;
  staffProvider: Map<string, string>;
  casbinPolicy: string;
  counts: Record<string, number>;
}

export function generateWorld(): World {
  const bar = progress('generating world', scale.customers + scale.staff + scale.teams);
  const districts = districtNames.map((name) => ({ id: uuid(), name }));
  type Kind = 'day' | 'night' | 'alarm' | 'health';
  const providerPlan: [Kind, number, number][] = [
    // kind, providers, teams per provider (42·11 + 6·6 + 6·8 + 6·9 = 600)
    ['day', 42, 11],
    ['night', 6, 6],
    ['alarm', 6, 8],
    ['health', 6, 9],
  ];
  const providers: PermissionFacts['providers'][number][] = [];
  const teams: PermissionFacts['teams'][number][] = [];
  const areaRules: NonNullable<PermissionFacts['areaRules']>[number][] = [];
  // teamsBy[kind][districtIndex] → [{ teamId, providerId }]
  const teamsBy: Record<Kind, { teamId: string; providerId: string }[][]> = {
    day: districts.map(() => []),
    night: districts.map(() => []),
    alarm: districts.map(() => []),
    health: districts.map(() => []),
  };
  const windows: Record<Kind, PermissionFacts['providers'][number]['serviceWindows']> = {
    day: { home_care: [{ from: '07:00', to: '22:00' }] },
    night: { home_care: [{ from: '22:00', to: '07:00' }] },
    alarm: {},
    health: { home_health_care: [{ from: '07:00', to: '21:00' }] },
  };
  const kindsOf: Record<Kind, PermissionFacts['providers'][number]['kinds']> = {
    day: ['day_home_care'],
    night: ['night_patrol'],
    alarm: ['alarm_patrol'],
    health: ['home_health_care'],
  };
  let teamNumber = 0;
  for (const [kind, count, teamsPer] of providerPlan) {
    for (let p = 0; p < count; p++) {
      const provider = {
        id: uuid(),
        name: `${kind} provider ${p + 1}`,
        kinds: kindsOf[kind],
        serviceWindows: windows[kind],
      };
      providers.push(provider);
      const home = int(districts.length);
      for (let t = 0; t < teamsPer; t++) {
        const d = teamDistrictIndex(kind, home, t, p, districts.length);
        const team = {
          id: uuid(),
          providerId: provider.id,
          name: `Team ${++teamNumber}`,
          districtId: districts[d]!.id,
        };
        teams.push(team);
        teamsBy[kind][d]!.push({ teamId: team.id, providerId: provider.id });
        if (kind === 'alarm')
          areaRules.push({ teamId: team.id, districtId: districts[d]!.id, service: 'safety_alarm' });
        bar.tick();
      }
    }
  }

  const customers: PermissionFacts['customers'][number][] = [];
  const services: PermissionFacts['services'][number][] = [];
  const teamCustomers: PermissionFacts['teamCustomers'][number][] = [];
  const doors: DoorFact[] = [];
  const locks: PermissionFacts['locks'][number][] = [];
  const accessPaths: PermissionFacts['accessPaths'][number][] = [];
  const teamLocks = new Map<string, Set<string>>();
  const customerLocks = new Map<string, string[]>();
  const lockOfDoor = new Map<string, string>();
  const addLock = (doorId: string) => {
    const id = uuid();
    locks.push({ id, doorId, number: locks.length + 1 });
    lockOfDoor.set(doorId, id);
    return id;
  };
  const serve = (
    customerId: string,
    service: ServiceKind,
    pool: { teamId: string; providerId: string }[],
    withTeam: boolean,
  ) => {
    if (pool.length === 0) return;
    const chosen = pick(pool);
    services.push({
      customerId,
      service,
      providerId: chosen.providerId,
      startsOn: chance(0.1) ? '2026-03-04' : '2024-01-01',
      endsOn: chance(0.03) ? '2026-03-03' : null,
    });
    if (withTeam) {
      const sameProvider = pool.filter((t) => t.providerId === chosen.providerId);
      teamCustomers.push({ teamId: pick(sameProvider).teamId, customerId });
    }
  };
  const alarmCustomersByDistrictProvider = new Map<string, string[]>();
  let pending: PermissionFacts['customers'][number][] = [];
  const flushBuilding = () => {
    if (pending.length === 0) return;
    const entrances = chance(0.2) ? 2 : 1;
    const entranceLocks: string[] = [];
    const entranceDoors: string[] = [];
    for (let e = 0; e < entrances; e++) {
      const door = { id: uuid(), kind: 'entrance' as const, label: `Port ${doors.length}` };
      doors.push(door);
      entranceDoors.push(door.id);
      entranceLocks.push(addLock(door.id));
    }
    for (const customer of pending) {
      const customerId = customer.id;
      const door = {
        id: uuid(),
        kind: chance(0.05) ? ('key_safe' as const) : ('apartment_door' as const),
        label: `Lgh ${doors.length}`,
      };
      doors.push(door);
      const path = [...entranceDoors, door.id];
      const pathLocks = [...entranceLocks];
      if (!customer.hasRefusedLock) pathLocks.push(addLock(door.id));
      accessPaths.push({ customerId, doorIds: path });
      customerLocks.set(customerId, pathLocks);
    }
    pending = [];
  };
  // Buildings: customers of one district share entrances, 1–4 customers per building.
  let buildingDistrict = 0;
  let buildingSize = 0;
  for (let i = 0; i < scale.customers; i++) {
    if (pending.length === 0) {
      buildingDistrict = int(districts.length);
      buildingSize = 1 + int(4);
    }
    const d = buildingDistrict;
    const customer = {
      id: uuid(),
      name: personName(),
      districtId: districts[d]!.id,
      hasRefusedLock: chance(0.03),
    };
    customers.push(customer);
    if (chance(0.85)) serve(customer.id, 'home_care', teamsBy.day[d]!, true);
    if (chance(0.25)) serve(customer.id, 'home_care', teamsBy.night[d]!, true);
    if (chance(0.2)) serve(customer.id, 'home_health_care', teamsBy.health[d]!, true);
    if (chance(0.55)) {
      const before = services.length;
      serve(customer.id, 'safety_alarm', teamsBy.alarm[d]!, false);
      if (services.length > before) {
        const key = `${services[services.length - 1]!.providerId}|${d}`;
        (
          alarmCustomersByDistrictProvider.get(key) ?? alarmCustomersByDistrictProvider.set(key, []).get(key)!
        ).push(customer.id);
      }
    }
    pending.push(customer);
    if (pending.length >= buildingSize) flushBuilding();
    bar.tick();
  }
  flushBuilding();

  // Shared doors top the fleet up to exactly 24,000 locks, each granted to one team.
  const sharedDoorGrants: NonNullable<PermissionFacts['sharedDoorGrants']>[number][] = [];
  const sharedKinds = ['laundry_room', 'waste_room', 'medicine_cabinet'] as const;
  while (locks.length < scale.locks) {
    const door = { id: uuid(), kind: pick(sharedKinds), label: `Shared ${doors.length}` };
    doors.push(door);
    addLock(door.id);
    const team = pick(teams);
    sharedDoorGrants.push({
      id: uuid(),
      doorId: door.id,
      teamId: team.id,
      reason: 'shared room in served building',
      grantedBy: 'Work lead',
    });
  }

  for (const a of teamCustomers) {
    const set = teamLocks.get(a.teamId) ?? teamLocks.set(a.teamId, new Set()).get(a.teamId)!;
    for (const l of customerLocks.get(a.customerId) ?? []) set.add(l);
  }
  for (const rule of areaRules) {
    const team = teams.find((t) => t.id === rule.teamId)!;
    const d = districts.findIndex((x) => x.id === rule.districtId);
    const set = teamLocks.get(team.id) ?? teamLocks.set(team.id, new Set()).get(team.id)!;
    for (const c of alarmCustomersByDistrictProvider.get(`${team.providerId}|${d}`) ?? []) {
      for (const l of customerLocks.get(c) ?? []) set.add(l);
    }
  }
  for (const g of sharedDoorGrants) {
    const set = teamLocks.get(g.teamId!) ?? teamLocks.set(g.teamId!, new Set()).get(g.teamId!)!;
    set.add(lockOfDoor.get(g.doorId)!);
  }

  const staff: PermissionFacts['staff'][number][] = [];
  const memberships: PermissionFacts['memberships'][number][] = [];
  const individualGrants: NonNullable<PermissionFacts['individualGrants']>[number][] = [];
  const nearbyLocks = new Map<string, string[]>();
  const staffProvider = new Map<string, string>();
  const teamsOfProvider = new Map<string, string[]>();
  for (const t of teams)
    (teamsOfProvider.get(t.providerId) ?? teamsOfProvider.set(t.providerId, []).get(t.providerId)!).push(
      t.id,
    );
  const customersOfTeam = new Map<string, string[]>();
  for (const a of teamCustomers)
    (customersOfTeam.get(a.teamId) ?? customersOfTeam.set(a.teamId, []).get(a.teamId)!).push(a.customerId);
  const membersOf = new Map<string, string[]>();
  for (let i = 0; i < scale.staff; i++) {
    const team = teams[i % teams.length]!;
    const member = {
      id: uuid(),
      providerId: team.providerId,
      name: personName(),
      employmentStartsOn: '2022-01-01',
      employmentEndsOn: chance(0.02) ? '2026-02-27' : null,
    };
    staff.push(member);
    staffProvider.set(member.id, team.providerId);
    const myTeams = [team.id];
    // Temporary cover ends by itself at midnight.
    memberships.push({
      staffId: member.id,
      teamId: team.id,
      validFrom: '2025-06-01T00:00:00+02:00',
      validUntil: chance(0.05) ? '2026-03-03T00:00:00+01:00' : null,
    });
    if (chance(0.1)) {
      const second = pick(teamsOfProvider.get(team.providerId)!);
      if (second !== team.id) {
        myTeams.push(second);
        memberships.push({
          staffId: member.id,
          teamId: second,
          validFrom: '2026-03-01T00:00:00+01:00',
          validUntil: chance(0.5) ? '2026-03-04T00:00:00+01:00' : null,
        });
      }
    }
    if (chance(0.05)) {
      const customers = customersOfTeam.get(pick(teamsOfProvider.get(team.providerId)!)) ?? [];
      if (customers.length > 0) {
        individualGrants.push({
          id: uuid(),
          staffId: member.id,
          customerId: pick(customers),
          validFrom: '2026-03-02T00:00:00+01:00',
          validUntil: '2026-03-05T00:00:00+01:00',
          reason: 'substitute',
          grantedBy: 'Work lead',
        });
      }
    }
    nearbyLocks.set(member.id, [...new Set(myTeams.flatMap((t) => [...(teamLocks.get(t) ?? [])]))]);
    for (const t of myTeams) (membersOf.get(t) ?? membersOf.set(t, []).get(t)!).push(member.id);
    bar.tick();
  }
  bar.stop();

  // Casbin policy text (CSV): p, team, provider, lock, open / g, staff, team, provider.
  const lines: string[] = [];
  const teamProvider = new Map(teams.map((t) => [t.id, t.providerId]));
  for (const [teamId, set] of teamLocks)
    for (const lockId of set) lines.push(`p, ${teamId}, ${teamProvider.get(teamId)}, ${lockId}, open`);
  const policyLines = lines.length;
  for (const m of memberships) lines.push(`g, ${m.staffId}, ${m.teamId}, ${teamProvider.get(m.teamId)}`);

  return {
    facts: {
      timeZone: 'Europe/Stockholm',
      districts,
      providers,
      teams,
      customers,
      services,
      teamCustomers,
      areaRules,
      staff,
      memberships,
      individualGrants,
      sharedDoorGrants,
      accessPaths,
      doors,
      locks,
    },
    staffIds: staff.map((s) => s.id),
    lockIds: locks.map((l) => l.id),
    nearbyLocks,
    staffProvider,
    casbinPolicy: lines.join('\n'),
    counts: {
      customers: customers.length,
      locks: locks.length,
      doors: doors.length,
      providers: providers.length,
      teams: teams.length,
      staff: staff.length,
      memberships: memberships.length,
      services: services.length,
      casbinPolicies: policyLines,
      casbinGroupings: memberships.length,
    },
  };
}
