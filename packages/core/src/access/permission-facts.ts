// The facts the permission model is computed from (docs/permissions.md). Plain data, as storage
// loads it from the registry (packages/storage/migrations/0001_registry.sql) plus the permission
// tables that come with issue #4; ids are opaque strings (UUIDs in the database).
import type { DoorKind, providerKinds, serviceKinds } from '../registry/index';
import type { DailyWindow } from './time-windows';

export type ServiceKind = (typeof serviceKinds)[number];
export type ProviderKind = (typeof providerKinds)[number];

/**
 * An instant: a Date, epoch milliseconds, or an ISO timestamp *with* offset or Z
 * ("2026-03-01T22:00:00+01:00"). Used at whole-minute resolution: a start is rounded up and an end
 * down to the minute, so rounding never widens access.
 */
export type InstantInput = Date | number | string;

export interface DistrictFact {
  id: string;
  name: string;
}

export interface CustomerFact {
  id: string;
  /** Display name for explanations ("Karl Berg"). */
  name: string;
  districtId: string;
  /** R6.2: a customer who refused a lock has no locks; never an error. */
  hasRefusedLock?: boolean;
  /**
   * Visit-window mode for this customer (docs/permissions.md "Visit-window mode"): true or false
   * overrides the municipality's `visitWindowMode`; null or absent follows it.
   */
  visitWindowMode?: boolean | null;
}

/** customer_service: the customer has chosen `providerId` for `service` over [startsOn, endsOn] (R3.2). */
export interface ServiceAssignmentFact {
  id?: string;
  customerId: string;
  service: ServiceKind;
  providerId: string;
  /** Local date (municipality time zone), inclusive. */
  startsOn: string;
  /** Local date, inclusive; null or absent = until further notice. */
  endsOn?: string | null;
}

export interface ProviderFact {
  id: string;
  name: string;
  kinds: readonly ProviderKind[];
  /**
   * When the provider serves its customers, per service, in local time, e.g. a night patrol
   * { home_care: [{ from: '22:00', to: '07:00' }] }. A service without windows is served around
   * the clock.
   */
  serviceWindows?: Partial<Record<ServiceKind, readonly DailyWindow[]>>;
}

export interface TeamFact {
  id: string;
  providerId: string;
  name: string;
  districtId?: string | null;
  area?: string | null;
}

/** The team serves the customer (from the care system's planning); may be temporary. */
export interface TeamCustomerFact {
  teamId: string;
  customerId: string;
  validFrom?: InstantInput | null;
  validUntil?: InstantInput | null;
}

/** team_membership: [validFrom, validUntil); a temporary membership ends by itself. */
export interface MembershipFact {
  id?: string;
  staffId: string;
  teamId: string;
  validFrom: InstantInput;
  validUntil?: InstantInput | null;
}

export interface StaffFact {
  id: string;
  providerId: string;
  /** Display name for explanations ("Anna Svensson"). */
  name: string;
  /** Local date, inclusive. */
  employmentStartsOn: string;
  /** Local date, inclusive (last working day); null or absent = employed. */
  employmentEndsOn?: string | null;
}

/**
 * Area rule: members of `teamId` may open the doors of every customer in `districtId` who has
 * chosen the team's provider for `service` (default safety_alarm: the alarm patrol rule).
 */
export interface AreaRuleFact {
  id?: string;
  teamId: string;
  districtId: string;
  service?: ServiceKind;
  validFrom?: InstantInput | null;
  validUntil?: InstantInput | null;
}

/**
 * Individual grant (R3.3): one staff member, one customer (all doors on the access path) or one
 * door, for a limited time, with a reason and the granting person (R3.5).
 */
export interface IndividualGrantFact {
  id: string;
  staffId: string;
  customerId?: string;
  doorId?: string;
  validFrom: InstantInput;
  validUntil: InstantInput;
  reason: string;
  /** Display name of whoever granted it. */
  grantedBy: string;
}

/** Explicit grant of a shared door (laundry, waste room, medicine cabinet …) to a team or a staff member. */
export interface SharedDoorGrantFact {
  id: string;
  doorId: string;
  teamId?: string;
  staffId?: string;
  validFrom?: InstantInput | null;
  validUntil?: InstantInput | null;
  reason?: string;
  grantedBy?: string;
}

/** access_path_step rows of one customer, in the order the doors are passed (R3.4). */
export interface AccessPathFact {
  customerId: string;
  doorIds: readonly string[];
}

export interface DoorFact {
  id: string;
  kind: DoorKind;
  label: string;
}

/** An installed lock on a door. `number` is the uint32 lock id the protocol's tickets carry. */
export interface LockFact {
  id: string;
  doorId: string;
  number?: number;
}

/** Everything the compiler needs for one municipality. */
export interface PermissionFacts {
  /** IANA zone of the municipality; default Europe/Stockholm. */
  timeZone?: string;
  /** Whether customers are under visit-window mode unless their own setting says otherwise; default false. */
  visitWindowMode?: boolean;
  districts?: readonly DistrictFact[];
  customers: readonly CustomerFact[];
  services: readonly ServiceAssignmentFact[];
  providers: readonly ProviderFact[];
  teams: readonly TeamFact[];
  teamCustomers: readonly TeamCustomerFact[];
  memberships: readonly MembershipFact[];
  staff: readonly StaffFact[];
  areaRules?: readonly AreaRuleFact[];
  individualGrants?: readonly IndividualGrantFact[];
  sharedDoorGrants?: readonly SharedDoorGrantFact[];
  accessPaths: readonly AccessPathFact[];
  doors: readonly DoorFact[];
  locks: readonly LockFact[];
}
