// The simulated district as plain data: where properties are, which locks they have, who lives
// there and which services they get, which teams serve them with which devices. Generated from a
// seed (generate-district.ts); the engine builds simulated devices from it.

/** Metres east and north of the municipality's origin (a schematic plane, no map projection). */
export interface Point {
  x: number;
  y: number;
}

export type HolderKind = 'key' | 'phone';
export type TeamKind = 'home-care' | 'night-patrol' | 'alarm';
export type ShiftName = 'day' | 'evening' | 'night';

export interface Area {
  name: string;
  centre: Point;
}

export interface Property {
  id: string;
  /** Street address, for a schematic view. */
  name: string;
  area: number;
  at: Point;
  /** Entrance lock numbers; empty for a house, whose apartment door is its only lock. */
  entranceLocks: number[];
}

/** Home care: visit times (minutes after midnight, UTC) on the given weekdays (0 = Monday). */
export interface HomeCarePlan {
  minutes: number[];
  weekdays: number[];
}

export interface Customer {
  id: string;
  name: string;
  property: number;
  /** The entrance lock the customer's staircase is behind, if the property has one. */
  entranceLock?: number;
  doorLock: number;
  homeCare?: HomeCarePlan;
  /** Night-patrol visits (minutes after 22:00 on the night's evening). */
  nightPatrolMinutes: number[];
  hasSafetyAlarm: boolean;
  homeCareTeam?: number;
  nightTeam?: number;
  alarmTeam?: number;
}

export interface Team {
  id: string;
  name: string;
  kind: TeamKind;
  /** The team's premises: its activation box and sync station are here. */
  base: Point;
  holderKind: HolderKind;
  staff: number[];
  customers: number[];
  /** Locks the team's keys may open (sorted): its customers' doors and their entrances. */
  locks: number[];
  shifts: ShiftName[];
  /** Home care: how many of `staff` (the first ones) work day shifts; the rest work evenings. */
  dayGroup: number;
}

export interface StaffMember {
  id: string;
  name: string;
  team: number;
  pin: string;
  /** App account for phone teams. */
  username: string;
  password: string;
}

export interface LockSpec {
  number: number;
  kind: 'entrance' | 'door';
  property: number;
  customer?: number;
  /** Charge at the start of the run. */
  batteryPercent: number;
}

export interface District {
  seed: number;
  municipality: string;
  areas: Area[];
  properties: Property[];
  customers: Customer[];
  teams: Team[];
  staff: StaffMember[];
  locks: LockSpec[];
}

/** Start and end of a shift, in seconds after the midnight of its day. */
export const shiftHours: Record<ShiftName, { start: number; end: number }> = {
  day: { start: 7 * 3600, end: 15 * 3600 },
  evening: { start: 15 * 3600, end: 22 * 3600 },
  night: { start: 22 * 3600, end: 31 * 3600 },
};
