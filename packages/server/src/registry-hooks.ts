import {
  checkDependentRules,
  findEntity as findEntityDefinition,
  type Actor,
  type EntityDefinition,
} from '@portvakt/core';
import {
  addToBlockList,
  findEntity,
  countAccessPathDoors,
  listActiveKeysOfHolder,
  listActiveServicesOfProvider,
  updateEntity,
  type Queryable,
  type Row,
} from '@portvakt/storage';
import { recordChange } from './audit';
import { ApiError } from './errors';

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

/**
 * What a write means for records that depend on it, run inside the write's transaction: rules
 * that span rows (refused with 422), and the consequences that must follow at once — a key that
 * stops being active goes on the block list (R1.6); ending a staff member's employment blocks
 * every key they hold.
 */
export async function applyRegistryHooks(
  db: Queryable,
  actor: Actor,
  entity: EntityDefinition,
  before: Row | undefined,
  after: Row,
  requestId: string,
): Promise<void> {
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
}
