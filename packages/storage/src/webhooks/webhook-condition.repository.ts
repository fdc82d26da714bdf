// The lock checks behind the state-like webhook events (docs/webhooks.md): which installed locks
// are low on battery or have not reported the block list for a day, and which of those
// conditions were already raised, so each is sent once until it clears.
import { ownerVisibleDoorKinds } from '@portvakt/core';
import { createRowsQuery, type Queryable } from '../platform/queryable';

export interface WebhookLockCondition {
  lockDeviceId: string;
  municipalityId: string;
  lockNumber: number | null;
  /** What the property owner's `/locks` shows as the lock's serial (R2.7). */
  ownerReference: string;
  doorId: string;
  propertyId: string;
  /** The property's owner, when the door is of a kind owners see (R2.7: never a customer's own door). */
  ownerId: string | null;
  batteryLevel: number | null;
  reportedVersion: number | null;
  currentVersion: number;
}

// $1 is the door kinds owners see (core's ownerVisibleDoorKinds, bound below), so the owner is the
// audience exactly where the registry shows them the lock.
const lockColumns = `l.id AS "lockDeviceId", l.municipality_id AS "municipalityId", l.lock_number AS "lockNumber",
  l.owner_reference AS "ownerReference", d.id AS "doorId", p.id AS "propertyId",
  CASE WHEN d.kind = ANY($1::text[]) THEN p.owner_id END AS "ownerId",
  l.battery_level AS "batteryLevel", r.version AS "reportedVersion", m.block_list_version AS "currentVersion"`;
// Every municipality's locks (a cluster-wide job); each join stays within the lock's municipality.
const lockJoins = `FROM lock_device l JOIN door d ON d.municipality_id = l.municipality_id AND d.id = l.door_id
  JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id
  JOIN municipality m ON l.municipality_id = m.id
  JOIN webhook_audit_cursor c ON c.municipality_id = l.municipality_id
  LEFT JOIN lock_block_list_report r ON r.municipality_id = l.municipality_id AND r.lock_device_id = l.id`;

const lowBatteryLocks = createRowsQuery<WebhookLockCondition, [ownerKinds: readonly string[]]>(
  `SELECT ${lockColumns} ${lockJoins}
   WHERE l.status = 'installed' AND l.battery_level IS NOT NULL
     AND l.battery_level <= coalesce((m.settings->>'batteryThresholdPercent')::int, 20)
   ORDER BY l.id`,
);

/** Installed locks at or under their municipality's battery threshold (batteryThresholdPercent, 20 %). */
export const listLowBatteryLocks = (db: Queryable) => lowBatteryLocks(db, ownerVisibleDoorKinds);

const laggingBlockListLocks = createRowsQuery<
  WebhookLockCondition,
  [ownerKinds: readonly string[], now: Date, lagMs: number]
>(
  `SELECT ${lockColumns} ${lockJoins}
   WHERE l.status = 'installed' AND EXISTS (
     SELECT 1 FROM block_list_entry b WHERE b.municipality_id = m.id
       AND b.added_in_version > coalesce(r.version, 0)
       AND b.blocked_at <= $2::timestamptz - make_interval(secs => $3::double precision / 1000))
   ORDER BY l.id`,
);

/**
 * Installed locks that have not reported a block-list version holding a key blocked more than
 * `lagMs` before `now`: the key is still usable there (R1.6).
 */
export const listLaggingBlockListLocks = (db: Queryable, now: Date, lagMs: number) =>
  laggingBlockListLocks(db, ownerVisibleDoorKinds, now, lagMs);

/** Marks a condition raised; false when it already was (nothing to send). */
export async function raiseWebhookCondition(
  db: Queryable,
  type: string,
  lock: { municipalityId: string; lockDeviceId: string },
  now: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO webhook_condition (municipality_id, type, lock_device_id, raised_at) VALUES ($4, $1, $2, $3)
     ON CONFLICT DO NOTHING`,
    [type, lock.lockDeviceId, now, lock.municipalityId],
  );
  return rowCount === 1;
}

/**
 * Clears the municipality's conditions of `type` no longer holding (`stillHolding`: its locks
 * where it does), so they are sent again if they return.
 */
export async function clearWebhookConditions(
  db: Queryable,
  municipalityId: string,
  type: string,
  stillHolding: readonly string[],
): Promise<void> {
  await db.query(
    `DELETE FROM webhook_condition WHERE municipality_id = $3 AND type = $1 AND NOT (lock_device_id = ANY($2::uuid[]))`,
    [type, stillHolding, municipalityId],
  );
}
