// Rollout per district (R8.1): what each figure of the Stockholm-style table counts, from facts
// storage reads for one day (docs/rollout.md "Figures"). Days are ISO dates, local time.
import { localToday } from '../platform/local-day';

export interface RolloutDistrict {
  id: string;
  code: string;
  name: string;
  rolloutStartQuarter: string | null;
}

export interface RolloutFacts {
  districts: RolloutDistrict[];
  /** Every entrance, with its property's district and the owner's answer. */
  entrances: Array<{ doorId: string; propertyId: string; districtId: string; consentStatus: string | null }>;
  /** Locks installed now, with the local day they were installed (or registered, lacking that). */
  locks: Array<{ lockId: string; doorKind: string; districtId: string; installedOn: string }>;
  /** Installed locks in use (lock_usage_on) on each day asked about, by day. */
  locksInUseByDay: Record<string, readonly string[]>;
  /** Open install orders (requested, planned, in progress). */
  openInstallOrders: Array<{ doorKind: string; districtId: string }>;
  /** Customers, the doors on their way in (path and apartment door) and their services. */
  customers: Array<{
    customerId: string;
    districtId: string;
    doorIds: readonly string[];
    services: ReadonlyArray<{ startsOn: string; endsOn: string | null }>;
  }>;
  /** Installed locks' doors, to tell which doors a lock in use sits on. */
  lockDoors: Record<string, string>;
  /** Staff holding an active digital key, per district they serve (docs/rollout.md). */
  keyHolders: Array<{ districtId: string; staffMemberId: string }>;
  /** Customers behind a door they cannot be let in through when their service comes (R2.6). */
  nightAccessCustomers: Array<{ customerId: string; districtId: string }>;
}

export interface RolloutFigures {
  properties: number;
  propertiesAsked: number;
  propertiesConsented: number;
  entranceLocksPlanned: number;
  entranceLocksInstalled: number;
  entranceLocksInUse: number;
  apartmentLocksPlanned: number;
  apartmentLocksInstalled: number;
  apartmentLocksInUse: number;
  customersServed: number;
  customersKeyless: number;
  staffWithKeys: number;
  customersNightAccess: number;
}

export interface RolloutRow extends RolloutFigures {
  district: RolloutDistrict;
}

export interface RolloutPoint {
  day: string;
  locksInstalled: number;
  locksInUse: number;
  customersKeyless: number;
}

/** Whether a customer has a service on `day`. */
export function isServedOn(
  services: ReadonlyArray<{ startsOn: string; endsOn: string | null }>,
  day: string,
) {
  return services.some((s) => s.startsOn <= day && (s.endsOn === null || s.endsOn >= day));
}

/**
 * A property is asked when the owner has been asked about any of its entrances, and consented
 * when every one of its entrances is consented (an entrance declined or withdrawn keeps it out).
 */
export function countConsent(entrances: RolloutFacts['entrances']): {
  properties: number;
  asked: number;
  consented: number;
} {
  const byProperty = new Map<string, Array<string | null>>();
  for (const entrance of entrances) {
    const list = byProperty.get(entrance.propertyId) ?? [];
    list.push(entrance.consentStatus);
    byProperty.set(entrance.propertyId, list);
  }
  let asked = 0;
  let consented = 0;
  for (const statuses of byProperty.values()) {
    if (statuses.some((status) => status !== null)) asked += 1;
    if (statuses.every((status) => status === 'consented')) consented += 1;
  }
  return { properties: byProperty.size, asked, consented };
}

/** Customers served on `day` whose every door on the way in has a lock in use that day. */
export function listKeylessCustomers(
  facts: Pick<RolloutFacts, 'customers' | 'lockDoors'>,
  day: string,
  locksInUse: readonly string[],
): Array<{ customerId: string; districtId: string }> {
  const doorsInUse = new Set(locksInUse.map((lockId) => facts.lockDoors[lockId]));
  return facts.customers.filter(
    (customer) =>
      isServedOn(customer.services, day) &&
      customer.doorIds.length > 0 &&
      customer.doorIds.every((doorId) => doorsInUse.has(doorId)),
  );
}

const emptyFigures = (): RolloutFigures => ({
  properties: 0,
  propertiesAsked: 0,
  propertiesConsented: 0,
  entranceLocksPlanned: 0,
  entranceLocksInstalled: 0,
  entranceLocksInUse: 0,
  apartmentLocksPlanned: 0,
  apartmentLocksInstalled: 0,
  apartmentLocksInUse: 0,
  customersServed: 0,
  customersKeyless: 0,
  staffWithKeys: 0,
  customersNightAccess: 0,
});

/** Entrance locks sit on entrances, apartment locks on apartment doors; other doors count in neither. */
function lockColumn(doorKind: string): 'entrance' | 'apartment' | null {
  if (doorKind === 'entrance') return 'entrance';
  if (doorKind === 'apartment_door') return 'apartment';
  return null;
}

/**
 * The table on `day`: one row per district (in the order given) and a totals row. Totals add the
 * districts up, except staff with keys: a staff member serving two districts counts once.
 */
export function countRollout(
  facts: RolloutFacts,
  day: string,
): { rows: RolloutRow[]; totals: RolloutFigures } {
  const figures = new Map(facts.districts.map((district) => [district.id, emptyFigures()]));
  const of = (districtId: string) => figures.get(districtId);
  const entrancesByDistrict = new Map<string, RolloutFacts['entrances']>();
  for (const entrance of facts.entrances) {
    const list = entrancesByDistrict.get(entrance.districtId) ?? [];
    list.push(entrance);
    entrancesByDistrict.set(entrance.districtId, list);
  }
  for (const [districtId, entrances] of entrancesByDistrict) {
    const row = of(districtId);
    if (!row) continue;
    const consent = countConsent(entrances);
    row.properties = consent.properties;
    row.propertiesAsked = consent.asked;
    row.propertiesConsented = consent.consented;
  }
  // lock_usage_on knows today's installed locks; one installed after `day` was not in use then.
  const installedBy = new Set(
    facts.locks.filter((lock) => lock.installedOn <= day).map((lock) => lock.lockId),
  );
  const inUse = new Set((facts.locksInUseByDay[day] ?? []).filter((lockId) => installedBy.has(lockId)));
  for (const lock of facts.locks) {
    const row = of(lock.districtId);
    const column = lockColumn(lock.doorKind);
    if (!row || !column || lock.installedOn > day) continue;
    if (column === 'entrance') row.entranceLocksInstalled += 1;
    else row.apartmentLocksInstalled += 1;
    if (!inUse.has(lock.lockId)) continue;
    if (column === 'entrance') row.entranceLocksInUse += 1;
    else row.apartmentLocksInUse += 1;
  }
  for (const order of facts.openInstallOrders) {
    const row = of(order.districtId);
    const column = lockColumn(order.doorKind);
    if (!row || !column) continue;
    if (column === 'entrance') row.entranceLocksPlanned += 1;
    else row.apartmentLocksPlanned += 1;
  }
  for (const customer of facts.customers) {
    const row = of(customer.districtId);
    if (row && isServedOn(customer.services, day)) row.customersServed += 1;
  }
  for (const customer of listKeylessCustomers(facts, day, [...inUse])) {
    const row = of(customer.districtId);
    if (row) row.customersKeyless += 1;
  }
  const staffByDistrict = new Map<string, Set<string>>();
  for (const holder of facts.keyHolders) {
    const set = staffByDistrict.get(holder.districtId) ?? new Set<string>();
    set.add(holder.staffMemberId);
    staffByDistrict.set(holder.districtId, set);
  }
  for (const [districtId, staff] of staffByDistrict) {
    const row = of(districtId);
    if (row) row.staffWithKeys = staff.size;
  }
  for (const customer of new Map(facts.nightAccessCustomers.map((c) => [c.customerId, c])).values()) {
    const row = of(customer.districtId);
    if (row) row.customersNightAccess += 1;
  }
  const totals = emptyFigures();
  for (const row of figures.values())
    for (const key of Object.keys(totals) as Array<keyof RolloutFigures>) totals[key] += row[key];
  totals.staffWithKeys = new Set(facts.keyHolders.map((holder) => holder.staffMemberId)).size;
  return {
    rows: facts.districts.map((district) => ({ district, ...figures.get(district.id)! })),
    totals,
  };
}

/** The chart's points: the end of each of the twelve months before `asOf`'s month, then `asOf`. */
export function listChartDays(asOf: string): string[] {
  const [year, month] = asOf.split('-').map(Number) as [number, number];
  const days: string[] = [];
  for (let back = 12; back >= 1; back -= 1) {
    // Day 0 of a month is the last day of the month before.
    const end = new Date(Date.UTC(year, month - back, 0));
    days.push(end.toISOString().slice(0, 10));
  }
  days.push(asOf);
  return days;
}

/**
 * Locks installed, locks in use and customers keyless on each of `days`, over the whole
 * municipality. The locks are the table's (entrance and apartment locks), so the point on `asOf`
 * is the totals row's; a key safe's lock still counts towards its customers being keyless.
 */
export function countRolloutHistory(facts: RolloutFacts, days: readonly string[]): RolloutPoint[] {
  const isCounted = new Set(
    facts.locks.filter((lock) => lockColumn(lock.doorKind) !== null).map((lock) => lock.lockId),
  );
  return days.map((day) => {
    const inUse = facts.locksInUseByDay[day] ?? [];
    const installed = new Set(
      facts.locks.filter((lock) => lock.installedOn <= day).map((lock) => lock.lockId),
    );
    const inUseInstalled = inUse.filter((lockId) => installed.has(lockId));
    return {
      day,
      locksInstalled: [...installed].filter((lockId) => isCounted.has(lockId)).length,
      locksInUse: inUseInstalled.filter((lockId) => isCounted.has(lockId)).length,
      customersKeyless: listKeylessCustomers(facts, day, inUseInstalled).length,
    };
  });
}

/** The local calendar day of an instant (ISO date), in the municipality's zone. */
export function findLocalDay(at: Date, timeZone = 'Europe/Stockholm'): string {
  return localToday(at, timeZone);
}

/**
 * The day figures are asked for: `asOf` when it is a real calendar day (YYYY-MM-DD) not after
 * `today`, today when not given; null when it is neither (counts for a day to come would show
 * plans as done).
 */
export function judgeAsOf(asOf: string | undefined, today: string): string | null {
  if (asOf === undefined) return today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return null;
  const parsed = new Date(`${asOf}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== asOf) return null;
  return asOf <= today && asOf >= '2000-01-01' ? asOf : null;
}
