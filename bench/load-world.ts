// A Stockholm-scale registry for the load bench, as database rows (deterministic, seeded PRNG):
// 13 districts, ~15,000 customers in buildings of 1–4 that share entrances, 60 providers (day,
// night, alarm and home-health), 600 teams, 8,000 staff, 24,000 installed locks with protocol
// lock numbers, area rules for the alarm patrols, shared rooms granted to teams and substitutes'
// individual grants, and 36 keys lost in the last five days (the live block list every ticket
// carries). The same shape as bench/permissions.bench.ts's world, but written into the
// real schema so the real server loads it. Dates are placed around `today`, so every run sees
// current services and memberships whatever the calendar says.
import { randomUUID } from 'node:crypto';
import { districtNames, familyNames, givenNames, teamDistrictIndex } from './stockholm-names';

export const loadScale = { customers: 15_000, locks: 24_000, providers: 60, teams: 600, staff: 8_000 };

export type Row = Record<string, unknown>;

export interface LoadWorld {
  /** Rows per table, in an order that satisfies every foreign key. */
  tables: Array<{ table: string; rows: Row[] }>;
  customerIds: string[];
  /** Staff who are employed now, with their provider (for keys to activate). */
  activeStaff: Array<{ id: string; providerId: string }>;
  lockCount: number;
  /** The municipality's block-list version after the keys lost in the last days (one each). */
  blockListVersion: number;
}

/**
 * Keys lost or blocked in the last five days whose tickets have not yet expired: the live block
 * list every ticket and signed list carries. About 2 % of 8,000 staff lose or break a key in a
 * month, so about 36 in five days; each block is a version of its own.
 */
export const recentlyBlockedKeys = 36;

export function buildLoadWorld(municipalityId: string, today: Date): LoadWorld {
  let state = 0x10ad_2026 >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const chance = (p: number) => random() < p;
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const base = () => ({ id: randomUUID(), municipality_id: municipalityId });

  const districts = districtNames.map((name, i) => ({ ...base(), code: `D${i + 1}`, name }));

  type Kind = 'day' | 'night' | 'alarm' | 'health';
  // kind, providers, teams per provider (42·11 + 6·6 + 6·8 + 6·9 = 600)
  const plan: [Kind, number, number][] = [
    ['day', 42, 11],
    ['night', 6, 6],
    ['alarm', 6, 8],
    ['health', 6, 9],
  ];
  const windows: Record<Kind, Record<string, unknown>> = {
    day: { home_care: [{ from: '07:00', to: '22:00' }] },
    night: { home_care: [{ from: '22:00', to: '07:00' }] },
    alarm: {},
    health: { home_health_care: [{ from: '07:00', to: '21:00' }] },
  };
  const kinds: Record<Kind, string[]> = {
    day: ['day_home_care'],
    night: ['night_patrol'],
    alarm: ['alarm_patrol'],
    health: ['home_health_care'],
  };
  const providers: Row[] = [];
  const teams: Row[] = [];
  const areaRules: Row[] = [];
  const teamsBy: Record<Kind, Array<Array<{ teamId: string; providerId: string }>>> = {
    day: districts.map(() => []),
    night: districts.map(() => []),
    alarm: districts.map(() => []),
    health: districts.map(() => []),
  };
  for (const [kind, count, teamsPer] of plan) {
    for (let p = 0; p < count; p++) {
      const provider = {
        ...base(),
        name: `${kind} provider ${p + 1}`,
        ownership: p % 3 === 0 ? 'municipal' : 'private',
        kinds: kinds[kind],
        service_windows: windows[kind],
      };
      providers.push(provider);
      const home = int(districts.length);
      for (let t = 0; t < teamsPer; t++) {
        const d = teamDistrictIndex(kind, home, t, p, districts.length);
        const team = {
          ...base(),
          provider_id: provider.id,
          district_id: districts[d]!.id,
          name: `Team ${t + 1}`,
        };
        teams.push(team);
        teamsBy[kind][d]!.push({ teamId: team.id, providerId: provider.id });
        if (kind === 'alarm') {
          areaRules.push({
            ...base(),
            team_id: team.id,
            district_id: districts[d]!.id,
            service: 'safety_alarm',
            valid_from: `${day(-400)}T00:00:00Z`,
            granted_by: 'load bench',
          });
        }
      }
    }
  }

  const owners = Array.from({ length: 20 }, (_, i) => ({ ...base(), name: `Bostadsbolag ${i + 1}` }));
  const properties: Row[] = [];
  const doors: Row[] = [];
  const customers: Row[] = [];
  const services: Row[] = [];
  const teamCustomers: Row[] = [];
  const steps: Row[] = [];
  const lockedDoors: string[] = [];
  const serve = (
    customerId: string,
    service: string,
    pool: Array<{ teamId: string; providerId: string }>,
  ) => {
    if (pool.length === 0) return;
    const chosen = pick(pool);
    services.push({
      ...base(),
      customer_id: customerId,
      service,
      provider_id: chosen.providerId,
      starts_on: day(-30 - int(1500)),
      ends_on: null,
    });
    if (service === 'safety_alarm') return; // the alarm patrols reach them by area rules
    const sameProvider = pool.filter((t) => t.providerId === chosen.providerId);
    teamCustomers.push({
      ...base(),
      team_id: pick(sameProvider).teamId,
      customer_id: customerId,
      valid_from: `${day(-30 - int(900))}T00:00:00Z`,
      valid_until: null,
      reason: 'Planering',
      granted_by: 'load bench',
    });
  };
  for (let i = 0; i < loadScale.customers;) {
    const d = int(districts.length);
    const property = {
      ...base(),
      district_id: districts[d]!.id,
      owner_id: pick(owners).id,
      designation: `Kvarteret ${properties.length + 1}`,
      street_address: `Storgatan ${properties.length + 1}`,
    };
    properties.push(property);
    const door = (kind: string, label: string) => {
      const row = { ...base(), property_id: property.id, kind, label };
      doors.push(row);
      return row.id;
    };
    const entrances = chance(0.2)
      ? [door('entrance', 'Port A'), door('entrance', 'Port B')]
      : [door('entrance', 'Port A')];
    lockedDoors.push(...entrances);
    const size = 1 + int(4);
    for (let n = 0; n < size && i < loadScale.customers; n++, i++) {
      const refused = chance(0.03);
      const home = refused ? null : door(chance(0.05) ? 'key_safe' : 'apartment_door', `Lgh ${1001 + n}`);
      const customer = {
        ...base(),
        district_id: districts[d]!.id,
        given_name: pick(givenNames),
        family_name: pick(familyNames),
        residence_property_id: property.id,
        apartment_door_id: home,
        has_refused_lock: refused,
      };
      customers.push(customer);
      if (home) {
        lockedDoors.push(home);
        [pick(entrances), home].forEach((doorId, position) =>
          steps.push({
            municipality_id: municipalityId,
            customer_id: customer.id,
            position,
            door_id: doorId,
          }),
        );
      }
      if (chance(0.85)) serve(customer.id, 'home_care', teamsBy.day[d]!);
      if (chance(0.25)) serve(customer.id, 'home_care', teamsBy.night[d]!);
      if (chance(0.2)) serve(customer.id, 'home_health_care', teamsBy.health[d]!);
      if (chance(0.55)) serve(customer.id, 'safety_alarm', teamsBy.alarm[d]!);
    }
  }
  // Shared rooms top the fleet up to exactly 24,000 locks, each granted to one team.
  const sharedDoorGrants: Row[] = [];
  while (lockedDoors.length < loadScale.locks) {
    const property = pick(properties);
    const kind = pick(['laundry_room', 'waste_room', 'medicine_cabinet']);
    const row = { ...base(), property_id: property.id, kind, label: `${kind} ${doors.length}` };
    doors.push(row);
    lockedDoors.push(row.id);
    sharedDoorGrants.push({
      ...base(),
      door_id: row.id,
      team_id: pick(teams).id,
      valid_from: `${day(-200)}T00:00:00Z`,
      reason: 'Gemensamt utrymme i betjänat hus',
      granted_by: 'load bench',
    });
  }
  const locks = lockedDoors.map((doorId, i) => ({
    ...base(),
    lock_type: 'cylinder_ring',
    serial: `LB-CR-${String(i + 1).padStart(6, '0')}`,
    status: 'installed',
    door_id: doorId,
    battery_level: 80,
    installed_at: `${day(-100)}T10:00:00Z`,
    lock_number: i + 1,
  }));

  const staff: Row[] = [];
  const memberships: Row[] = [];
  const grants: Row[] = [];
  const activeStaff: LoadWorld['activeStaff'] = [];
  const customersOfTeam = new Map<string, string[]>();
  for (const a of teamCustomers) {
    const list = customersOfTeam.get(a.team_id as string) ?? [];
    list.push(a.customer_id as string);
    customersOfTeam.set(a.team_id as string, list);
  }
  for (let i = 0; i < loadScale.staff; i++) {
    const team = teams[i % teams.length]!;
    const hasLeft = chance(0.02);
    const member = {
      ...base(),
      provider_id: team.provider_id,
      given_name: pick(givenNames),
      family_name: pick(familyNames),
      employee_number: `E-${i + 1}`,
      pseudonym: `lb-${randomUUID()}`,
      employment_starts_on: day(-1500),
      employment_ends_on: hasLeft ? day(-10) : null,
    };
    staff.push(member);
    if (!hasLeft) activeStaff.push({ id: member.id, providerId: team.provider_id as string });
    memberships.push({
      ...base(),
      team_id: team.id,
      staff_member_id: member.id,
      valid_from: `${day(-400)}T00:00:00Z`,
      valid_until: chance(0.05) ? `${day(30)}T00:00:00Z` : null,
    });
    if (chance(0.05)) {
      const customers = customersOfTeam.get(team.id as string) ?? [];
      if (customers.length > 0)
        grants.push({
          ...base(),
          staff_member_id: member.id,
          customer_id: pick(customers),
          valid_from: `${day(-1)}T06:00:00Z`,
          valid_until: `${day(3)}T21:00:00Z`,
          reason: 'Vikarie',
          granted_by: 'load bench',
        });
    }
  }

  // Serials LB-L-…: the bench's own keys are LB-K-….
  const blockedKeys: Row[] = [];
  const blockedCredentials: Row[] = [];
  const blockEntries: Row[] = [];
  for (let i = 0; i < recentlyBlockedKeys; i++) {
    const holder = pick(activeStaff);
    const key = {
      ...base(),
      provider_id: holder.providerId,
      kind: 'hardware_key',
      serial: `LB-L-${String(i + 1).padStart(4, '0')}`,
      holder_staff_member_id: holder.id,
      status: chance(0.7) ? 'lost' : 'blocked',
      status_reason: 'Borttappad',
    };
    const blockedAt = new Date(today.getTime() - (recentlyBlockedKeys - i) * 3 * 3600_000);
    blockedKeys.push(key);
    blockedCredentials.push({
      municipality_id: municipalityId,
      digital_key_id: key.id,
      last_activation_at: new Date(blockedAt.getTime() - 3600_000).toISOString(),
      last_ticket_expires_at: new Date(blockedAt.getTime() + 5 * 86_400_000).toISOString(),
    });
    blockEntries.push({
      municipality_id: municipalityId,
      digital_key_id: key.id,
      added_in_version: i + 2,
      reason: 'lost',
      blocked_by: 'load bench',
      blocked_at: blockedAt.toISOString(),
    });
  }

  return {
    tables: [
      { table: 'district', rows: districts },
      { table: 'property_owner', rows: owners },
      { table: 'property', rows: properties },
      { table: 'door', rows: doors },
      { table: 'provider', rows: providers },
      { table: 'team', rows: teams },
      { table: 'customer', rows: customers },
      { table: 'customer_service', rows: services },
      { table: 'access_path_step', rows: steps },
      { table: 'staff_member', rows: staff },
      { table: 'team_membership', rows: memberships },
      { table: 'lock_device', rows: locks },
      { table: 'team_customer', rows: teamCustomers },
      { table: 'area_rule', rows: areaRules },
      { table: 'shared_door_grant', rows: sharedDoorGrants },
      { table: 'access_grant', rows: grants },
      { table: 'digital_key', rows: blockedKeys },
      { table: 'key_credential', rows: blockedCredentials },
      { table: 'block_list_entry', rows: blockEntries },
    ],
    customerIds: customers.filter((c) => !c.has_refused_lock).map((c) => c.id as string),
    activeStaff,
    lockCount: locks.length,
    blockListVersion: recentlyBlockedKeys + 1,
  };
}
