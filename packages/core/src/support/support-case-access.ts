// Who may attach what to a support case, which organisation a case belongs to, and who may
// triage it (R9.1, R2.7; docs/support.md "Support cases"). Pure: storage turns a reach into SQL.
import type { Actor, Role } from '../platform/roles';
import type { ScopeKind } from '../platform/policy';

/** The four things a case may be about. */
export const supportLinkFields = ['lockDeviceId', 'digitalKeyId', 'doorId', 'customerId'] as const;
export type SupportLinkField = (typeof supportLinkFields)[number];

/**
 * How far a raiser reaches when linking one kind of thing. `municipality`: anything of the
 * municipality; `provider`: the provider's customers, its keys, and the doors (and their locks)
 * on the way in to those customers; `holder`: the keys the staff member holds; `owner`: the
 * shared doors of the owner's properties (never an apartment door, R2.7) and their locks.
 */
export type SupportLinkReach =
  | { kind: 'municipality' }
  | { kind: 'provider'; providerId: string }
  | { kind: 'holder'; staffMemberId: string; providerId: string }
  | { kind: 'owner'; propertyOwnerId: string };

const municipalityRoles: readonly Role[] = ['municipality_admin', 'lock_manager', 'support'];

/**
 * What `actor` may link, per field; null where the role may link nothing of that kind (a
 * property owner never names a customer or a key; an installer never a customer or a key).
 */
export function readSupportLinkReach(actor: Actor): Record<SupportLinkField, SupportLinkReach | null> {
  const none = { lockDeviceId: null, digitalKeyId: null, doorId: null, customerId: null };
  if (municipalityRoles.includes(actor.role)) {
    const all = { kind: 'municipality' } as const;
    return { lockDeviceId: all, digitalKeyId: all, doorId: all, customerId: all };
  }
  if (actor.role === 'installer') {
    const all = { kind: 'municipality' } as const;
    return { ...none, lockDeviceId: all, doorId: all };
  }
  if ((actor.role === 'work_lead' || actor.role === 'staff') && actor.providerId) {
    const provider = { kind: 'provider', providerId: actor.providerId } as const;
    const keys: SupportLinkReach | null =
      actor.role === 'work_lead'
        ? provider
        : actor.staffMemberId
          ? { kind: 'holder', staffMemberId: actor.staffMemberId, providerId: actor.providerId }
          : null;
    return { lockDeviceId: provider, digitalKeyId: keys, doorId: provider, customerId: provider };
  }
  if (actor.role === 'property_owner' && actor.propertyOwnerId) {
    const owner = { kind: 'owner', propertyOwnerId: actor.propertyOwnerId } as const;
    return { ...none, lockDeviceId: owner, doorId: owner };
  }
  return none;
}

/** The raiser's organisation, stored on the case: it decides who else reads the case. */
export function readRaiserOrganisation(actor: Actor): {
  providerId: string | null;
  propertyOwnerId: string | null;
  locksmithCompanyId: string | null;
} {
  return {
    providerId: actor.role === 'work_lead' || actor.role === 'staff' ? (actor.providerId ?? null) : null,
    propertyOwnerId: actor.role === 'property_owner' ? (actor.propertyOwnerId ?? null) : null,
    locksmithCompanyId: actor.role === 'installer' ? (actor.locksmithCompanyId ?? null) : null,
  };
}

/** The roles a case can be assigned to: the municipality's support side. */
export const supportAssigneeRoles: readonly Role[] = ['support', 'lock_manager', 'municipality_admin'];

/**
 * Whether a change of a case is allowed to one updating it within `scope`: anyone who may update
 * a case may move its status; priority and assignee are triage, for the municipality's roles
 * (whose update reaches the whole municipality), not for a provider or an installer.
 */
export function canChangeSupportCase(
  scope: ScopeKind,
  change: { priority?: unknown; assignedUserId?: unknown },
): boolean {
  const isTriage = change.priority !== undefined || change.assignedUserId !== undefined;
  return !isTriage || scope === 'municipality';
}

/** The doors that are a customer's: the steps of their way in (access path) and their apartment door. */
export interface CustomerDoors {
  pathDoorIds: readonly string[];
  apartmentDoorId: string | null;
}

/** Why a case's door or lock cannot be linked with its customer or door: the field and a stable code. */
export interface CaseLinkRefusal {
  code: 'door_not_of_customer' | 'lock_not_of_customer' | 'lock_not_on_door';
  field: 'doorId' | 'lockDeviceId';
  message: string;
}

/** Whether `doorId` is one of the customer's doors (a step of their way in, or their own door). */
export function isDoorOfCustomer(doorId: string, doors: CustomerDoors): boolean {
  return doors.pathDoorIds.includes(doorId) || doors.apartmentDoorId === doorId;
}

/**
 * A case's links must tell one story. One that names a customer and a door or lock is about that
 * customer's way in: the door must be one of theirs, and the lock must sit on one (`lockDoorId` its
 * door, null when it is on none; undefined when the case names no lock). One that names a door and
 * a lock is about that door's lock, customer named or not: the lock must sit on it. `doors` is null
 * when the case names no customer. The caller has checked each id is in the raiser's reach, so the
 * refusal tells nothing about what the raiser cannot see.
 */
export function judgeCaseLinks(
  links: { doorId: string | undefined; lockDoorId: string | null | undefined },
  doors: CustomerDoors | null,
): CaseLinkRefusal | null {
  if (doors && links.doorId !== undefined && !isDoorOfCustomer(links.doorId, doors))
    return {
      code: 'door_not_of_customer',
      field: 'doorId',
      message: 'The door is not on the way in of the customer the case names.',
    };
  if (
    doors &&
    links.lockDoorId !== undefined &&
    (links.lockDoorId === null || !isDoorOfCustomer(links.lockDoorId, doors))
  )
    return {
      code: 'lock_not_of_customer',
      field: 'lockDeviceId',
      message: 'The lock is not on a door on the way in of the customer the case names.',
    };
  if (links.doorId !== undefined && links.lockDoorId !== undefined && links.lockDoorId !== links.doorId)
    return {
      code: 'lock_not_on_door',
      field: 'lockDeviceId',
      message: 'The lock is not on the door the case names.',
    };
  return null;
}
