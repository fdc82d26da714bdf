// The lock checks behind the state-like webhook events (docs/webhooks.md): which installed locks
// are low on battery or have not reported the block list for a day, and which of those
// conditions were already raised, so each is sent once until it clears.
import type { Queryable } from '../platform/queryable';

export interface WebhookLockCondition {
  lockDeviceId: string;
  municipalityId: string;
  lockNumber: number | null;
  doorId: string;
  propertyId: string;
  /** The property's owner, unless the door is an apartment door (R2.7: owners never see those). */
  ownerId: string | null;
  batteryLevel: number | null;
  reportedVersion: number | null;
  currentVersion: number;
}

const lockColumns = `l.id AS "lockDeviceId", l.municipality_id AS "municipalityId", l.lock_number AS "lockNumber",
  d.id AS "doorId", p.id AS "propertyId",
  CASE WHEN d.kind = 'apartment_door' THEN NULL ELSE p.owner_id END AS "ownerId",
  l.battery_level AS "batteryLevel", r.version AS "reportedVersion", m.block_list_version AS "currentVersion"`;
const lockJoins = `FROM lock_device l JOIN door d ON d.id = l.door_id JOIN property p ON p.id = d.property_id
  JOIN municipality m ON m.id = l.municipality_id
  JOIN webhook_audit_cursor c ON c.municipality_id = l.municipality_id
  LEFT JOIN lock_block_list_report r ON r.lock_device_id = l.id`;

/** Installed locks at or under their municipality's battery threshold (batteryThresholdPercent, 20 %). */
export async function listLowBatteryLocks(db: Queryable): Promise<WebhookLockCondition[]> {
  const { rows } = await db.query<WebhookLockCondition>(
    `SELECT ${lockColumns} ${lockJoins}
     WHERE l.status = 'installed' AND l.battery_level IS NOT NULL
       AND l.battery_level <= coalesce((m.settings->>'batteryThresholdPercent')::int, 20)
     ORDER BY l.id`,
  );
  return rows;
}

/**
 * Installed locks that have not reported a block-list version holding a key blocked more than
 * `lagMs` before `now`: the key is still usable there (R1.6).
 */
export async function listLaggingBlockListLocks(
  db: Queryable,
  now: Date,
  lagMs: number,
): Promise<WebhookLockCondition[]> {
  const { rows } = await db.query<WebhookLockCondition>(
    `SELECT ${lockColumns} ${lockJoins}
     WHERE l.status = 'installed' AND EXISTS (
       SELECT 1 FROM block_list_entry b WHERE b.municipality_id = l.municipality_id
         AND b.added_in_version > coalesce(r.version, 0)
         AND b.blocked_at <= $1::timestamptz - make_interval(secs => $2::double precision / 1000))
     ORDER BY l.id`,
    [now, lagMs],
  );
  return rows;
}

/** Marks a condition raised; false when it already was (nothing to send). */
export async function raiseWebhookCondition(
  db: Queryable,
  type: string,
  lockDeviceId: string,
  now: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO webhook_condition (type, lock_device_id, raised_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [type, lockDeviceId, now],
  );
  return rowCount === 1;
}

/** Clears the conditions of `type` no longer holding, so they are sent again if they return. */
export async function clearWebhookConditions(
  db: Queryable,
  type: string,
  stillHolding: readonly string[],
): Promise<void> {
  await db.query(`DELETE FROM webhook_condition WHERE type = $1 AND NOT (lock_device_id = ANY($2::uuid[]))`, [
    type,
    stillHolding,
  ]);
}
