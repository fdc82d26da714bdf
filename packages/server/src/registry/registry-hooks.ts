import {
  checkDependentRules,
  decideAccess,
  dismountedDoor,
  findEntity as findEntityDefinition,
  holderNameReach,
  type Actor,
  type EntityDefinition,
} from '@portvakt/core';
import {
  addToBlockList,
  findEntity,
  findAccessLostByDismount,
  findKeyHolderNames,
  countAccessPathDoors,
  listActiveKeysOfHolder,
  listActiveServicesOfProvider,
  updateEntity,
  type Queryable,
  type Row,
} from '@portvakt/storage';
import { Type, type TObject, type TSchema } from 'typebox';
import { recordChange } from '../audit/audit';
import { ApiError } from '../platform/errors';

const keyEntity = findEntityDefinition('digital_key');

// Assignments that must not overlap in time for the same pair.
const overlapKeys: Partial<Record<string, [string, string]>> = {
  team_customer: ['teamId', 'customerId'],
  team_membership: ['teamId', 'staffMemberId'],
};

async function hasOverlappingAssignment(
  db: Queryable,
  table: string,
  pair: [string, string],
  row: Row,
): Promise<boolean> {
  const column = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  const { rowCount } = await db.query(
    `SELECT 1 FROM ${table} WHERE ${column(pair[0])} = $1 AND ${column(pair[1])} = $2 AND id <> $3
       AND coalesce(valid_until, 'infinity') > $4 AND valid_from < coalesce($5::timestamptz, 'infinity')`,
    [row[pair[0]], row[pair[1]], row.id, row.validFrom, row.validUntil ?? null],
  );
  return (rowCount ?? 0) > 0;
}

/** Today's date in the municipality's zone (Sweden), as YYYY-MM-DD. */
export function localToday(now = new Date(), timeZone = 'Europe/Stockholm'): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Who loses their way in when a lock comes off its door, as far as the caller may see. */
export interface AccessLost {
  door: { id: string; label: string; kind: string; streetAddress: string };
  customerCount: number;
  /** Names for roles that read every customer; an installer is told how many, not who. */
  customers: Array<{ id: string; name: string }>;
}

async function accessLostByDismount(
  db: Queryable,
  actor: Actor,
  before: Row,
  after: Row,
): Promise<{ shown: AccessLost; customerIds: string[] } | undefined> {
  const doorId = dismountedDoor(before, after);
  if (!doorId) return undefined;
  const lost = await findAccessLostByDismount(db, actor.municipalityId, doorId);
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
 * stops being active goes on the block list (R1.6); ending a staff member's employment blocks
 * every key they hold. Taking a lock off a door on an ongoing customer's way in is refused with
 * 409 `lock_on_access_path` unless `options.dismountReason` is given (POST /locks/:id/dismount
 * with `force`); the answer then says who lost access, for the audit entry.
 */
export async function applyRegistryHooks(
  db: Queryable,
  actor: Actor,
  entity: EntityDefinition,
  before: Row | undefined,
  after: Row,
  requestId: string,
  options: { dismountReason?: string } = {},
): Promise<HookOutcome> {
  const outcome: HookOutcome = {};
  if (entity.resource === 'lock_device' && before) {
    const lost = await accessLostByDismount(db, actor, before, after);
    if (lost && !options.dismountReason) {
      throw new ApiError(
        409,
        'lock_on_access_path',
        `The lock is on the way in of ${lost.shown.customerCount} customer(s) with an ongoing service ` +
          `(door "${lost.shown.door.label}", ${lost.shown.door.streetAddress}); staff would lose access. ` +
          'To dismount it anyway, POST /api/v1/locks/{id}/dismount with force and a reason.',
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
    dependents.activeServices = (await listActiveServicesOfProvider(db, after.id as string)).map(
      (row) => row.service,
    );
  }
  if (entity.resource === 'customer' && before) {
    dependents.accessPathDoors = await countAccessPathDoors(db, after.id as string);
  }
  const violations = checkDependentRules(entity.resource, before ?? { status: 'active' }, after, dependents);
  // Ending something "in the past" would rewrite what the record said about earlier access.
  if (
    before &&
    typeof after.validUntil === 'string' &&
    after.validUntil !== before.validUntil &&
    Date.parse(after.validUntil) < Date.now() - 60_000
  ) {
    violations.push({
      field: 'validUntil',
      code: 'ends_in_the_past',
      message: 'It can end now at the earliest, not before.',
    });
  }
  const pair = overlapKeys[entity.resource];
  if (pair && (await hasOverlappingAssignment(db, entity.resource, pair, after))) {
    violations.push({
      field: pair[1],
      code: 'already_assigned',
      message: 'There is already a current assignment like this one.',
    });
  }
  if (violations.length > 0) {
    throw new ApiError(422, violations[0]!.code, violations.map((v) => v.message).join(' '), violations);
  }

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

  if (
    entity.resource === 'staff_member' &&
    typeof after.employmentEndsOn === 'string' &&
    after.employmentEndsOn <= localToday() &&
    after.employmentEndsOn !== before?.employmentEndsOn
  ) {
    for (const keyId of await listActiveKeysOfHolder(db, after.id as string)) {
      const scope = { kind: 'municipality' as const, municipalityId: actor.municipalityId };
      const keyBefore = await findEntity(db, keyEntity, scope, keyId);
      await updateEntity(db, keyEntity, keyId, { status: 'blocked', statusReason: 'employment_ended' });
      await addToBlockList(db, {
        municipalityId: actor.municipalityId,
        digitalKeyId: keyId,
        reason: 'employment_ended',
        blockedBy: actor.label,
      });
      const keyAfter = await findEntity(db, keyEntity, scope, keyId);
      await recordChange(db, actor, {
        action: 'block',
        entity: 'digital_key',
        entityId: keyId,
        before: keyBefore,
        after: keyAfter,
        requestId,
      });
    }
  }
  return outcome;
}

/**
 * Facts a registry answer carries beyond the entity's own fields, so the console needs no request
 * per row: a key's holder by name (as far as the caller may be told, core `holderNameReach`).
 */
export function presentedSchema(entity: EntityDefinition, base: TSchema): TSchema {
  if (entity.resource !== 'digital_key') return base;
  return Type.Object({
    ...(base as TObject).properties,
    holderName: Type.Optional(
      Type.Union([Type.String(), Type.Null()], {
        description: 'The holder’s name, when the caller may be told it; null otherwise.',
      }),
    ),
  });
}

/** Adds the facts of `presentedSchema` to rows the caller has already been allowed to read. */
export async function presentRegistryRows(
  db: Queryable,
  actor: Actor,
  entity: EntityDefinition,
  rows: Row[],
): Promise<Row[]> {
  if (entity.resource !== 'digital_key') return rows;
  const reach = holderNameReach(actor);
  const names =
    reach.kind === 'none'
      ? new Map<string, string>()
      : await findKeyHolderNames(
          db,
          actor.municipalityId,
          rows.map((row) => row.id as string),
          reach.kind === 'provider'
            ? { providerId: reach.providerId }
            : reach.kind === 'self'
              ? { staffMemberId: reach.staffMemberId }
              : {},
        );
  return rows.map((row) => ({ ...row, holderName: names.get(row.id as string) ?? null }));
}
