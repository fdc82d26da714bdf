import {
  checkDependentRules,
  checkEnding,
  decideAccess,
  dismountedDoor,
  exclusiveAssignmentKeys,
  findEntity as findEntityDefinition,
  isEmploymentEndBroughtForward,
  isEmploymentEndedByChange,
  localToday,
  type Actor,
  type EntityDefinition,
} from '@portvakt/core';
import {
  addToBlockList,
  countAccessPathDoors,
  findAccessLostByDismount,
  hasOverlappingAssignment,
  listActiveKeysOfHolder,
  listActiveServicesOfProvider,
  listResidentsOutsideDistrict,
  type Queryable,
  type Row,
} from '@portvakt/storage';
import type { AccessLost } from '@portvakt/contract';
import { endGrantsWithEmployment } from './end-grants-with-employment';
import { moveAccessPathWithHome } from './move-access-path';
import { updateOnRecord } from './update-on-record';
import { applyLockTriggers } from '../work-orders';
import { ApiError } from '../platform/errors';
import { throwOnViolations } from './registry-checks';

// Tests elsewhere still import the day from here; the rule itself is core's.
export { localToday } from '@portvakt/core';

const keyEntity = findEntityDefinition('digital_key');
const customerEntity = findEntityDefinition('customer');

/**
 * A building moved to another district takes its residents along: a customer's district is their
 * home's (`district_not_of_home`), and area rules go by it. Each resident's change is audited.
 */
async function moveResidentsWithBuilding(
  db: Queryable,
  actor: Actor,
  change: { before: Row; after: Row; requestId: string },
): Promise<void> {
  const { before, after, requestId } = change;
  if (before.districtId === after.districtId) return;
  const districtId = after.districtId as string;
  for (const id of await listResidentsOutsideDistrict(
    db,
    actor.municipalityId,
    after.id as string,
    districtId,
  ))
    await updateOnRecord(db, actor, {
      entity: customerEntity,
      id,
      values: { districtId },
      action: 'update',
      requestId,
    });
}

async function accessLostByDismount(
  db: Queryable,
  actor: Actor,
  before: Row,
  after: Row,
  now: Date,
): Promise<{ shown: AccessLost; customerIds: string[] } | undefined> {
  const doorId = dismountedDoor(before, after);
  if (!doorId) return undefined;
  const lost = await findAccessLostByDismount(db, actor.municipalityId, doorId, localToday(now));
  if (!lost || lost.customers.length === 0) return undefined;
  const readsCustomers = decideAccess(actor, 'customer', 'read')?.kind === 'municipality';
  return {
    shown: {
      door: lost.door,
      customerCount: lost.customers.length,
      customers: readsCustomers ? lost.customers : [],
    },
    customerIds: lost.customers.map((customer) => customer.id),
  };
}

/** What a write did beyond itself: for a forced dismount, who lost access (for the audit entry). */
export interface HookOutcome {
  /** As the caller may see it. */
  accessLost?: AccessLost;
  /** Every customer who lost access, for the audit trail (read by oversight only). */
  customerIdsLosingAccess?: string[];
}

/**
 * What a write means for records that depend on it, run inside the write's transaction: rules
 * that span rows (refused with 422), and the consequences that must follow at once — a key that
 * stops being active goes on the block list (R1.6); an employment whose last day has passed
 * (written so by a care-system import; an end set in advance is the employment-end sweep's,
 * block-ended-employment-keys.ts) blocks every key they hold. Taking a lock off a door on an ongoing customer's way in is refused with
 * 409 `lock_on_access_path` unless `options.dismountReason` is given (POST /locks/:id/dismount
 * with `force`); the answer then says who lost access, for the audit entry. Last, the lock
 * triggers propose the work orders the write causes (work-orders/lock-triggers.ts), judged by
 * `options.now` (the request's clock).
 */
export async function applyRegistryHooks(
  db: Queryable,
  actor: Actor,
  entity: EntityDefinition,
  before: Row | undefined,
  after: Row,
  requestId: string,
  options: { dismountReason?: string; now?: Date } = {},
): Promise<HookOutcome> {
  const outcome: HookOutcome = {};
  const now = options.now ?? new Date();
  if (entity.resource === 'lock_device' && before) {
    const lost = await accessLostByDismount(db, actor, before, after, now);
    if (lost && !options.dismountReason) {
      throw new ApiError(
        409,
        'lock_on_access_path',
        `The lock is on the way in of ${lost.shown.customerCount} customer(s) with an ongoing service ` +
          `(door "${lost.shown.door.label}", ${lost.shown.door.streetAddress}); staff would lose access. ` +
          'To dismount it anyway, dismount with force and a reason (the order’s dismount, or POST /api/v1/locks/{id}/dismount).',
        lost.shown,
      );
    }
    if (lost) {
      outcome.accessLost = lost.shown;
      outcome.customerIdsLosingAccess = lost.customerIds;
    }
  }
  const dependents: { activeServices?: string[]; accessPathDoors?: number } = {};
  if (entity.resource === 'provider' && before) {
    dependents.activeServices = (
      await listActiveServicesOfProvider(db, actor.municipalityId, after.id as string)
    ).map((row) => row.service);
  }
  if (entity.resource === 'customer' && before) {
    dependents.accessPathDoors = await countAccessPathDoors(db, actor.municipalityId, after.id as string);
  }
  const violations = checkDependentRules(entity.resource, before ?? { status: 'active' }, after, dependents);
  if (before) violations.push(...checkEnding(before, after, now));
  const key = exclusiveAssignmentKeys[entity.resource];
  if (key && (await hasOverlappingAssignment(db, entity, actor.municipalityId, key, after))) {
    violations.push({
      field: key.findLast((field) => after[field] != null) ?? key[0]!,
      code: 'already_assigned',
      message:
        entity.resource === 'access_grant'
          ? 'The staff member already has a grant here for a time that overlaps this one; change that grant instead.'
          : entity.resource === 'customer_service'
            ? 'The customer already has this service from this provider for days that overlap these; change that one instead.'
            : 'There is already a current assignment like this one.',
    });
  }
  throwOnViolations(violations);

  if (entity.resource === 'customer' && before)
    await moveAccessPathWithHome(db, actor, { before, after, requestId });
  if (entity.resource === 'property' && before)
    await moveResidentsWithBuilding(db, actor, { before, after, requestId });

  if (
    entity.resource === 'digital_key' &&
    after.status !== 'active' &&
    (before?.status ?? 'active') === 'active'
  ) {
    await addToBlockList(db, {
      municipalityId: actor.municipalityId,
      digitalKeyId: after.id as string,
      reason: (after.statusReason as string | null) ?? String(after.status),
      blockedBy: actor.label,
    });
  }

  if (entity.resource === 'staff_member' && isEmploymentEndBroughtForward(before, after))
    await endGrantsWithEmployment(db, actor, {
      staffMemberId: after.id as string,
      endsOn: after.employmentEndsOn as string,
      requestId,
    });
  if (entity.resource === 'staff_member' && isEmploymentEndedByChange(before, after, localToday(now))) {
    for (const keyId of await listActiveKeysOfHolder(db, actor.municipalityId, after.id as string)) {
      await updateOnRecord(db, actor, {
        entity: keyEntity,
        id: keyId,
        values: { status: 'blocked', statusReason: 'employment_ended' },
        action: 'block',
        requestId,
      });
      await addToBlockList(db, {
        municipalityId: actor.municipalityId,
        digitalKeyId: keyId,
        reason: 'employment_ended',
        blockedBy: actor.label,
      });
    }
  }
  await applyLockTriggers(db, actor, {
    resource: entity.resource,
    before,
    after,
    requestId,
    now: options.now ?? new Date(),
  });
  return outcome;
}

/** What deleting a row means for records that depend on it (a service deleted ends it). */
export async function applyRegistryDeleteHooks(
  db: Queryable,
  actor: Actor,
  entity: EntityDefinition,
  before: Row,
  requestId: string,
  now: Date,
): Promise<void> {
  await applyLockTriggers(db, actor, { resource: entity.resource, before, after: undefined, requestId, now });
}
