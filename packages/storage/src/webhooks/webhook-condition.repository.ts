// The lock checks behind the state-like webhook events (docs/webhooks.md): which installed locks
// are low on battery or have not reported the block list for a day, and which of those
// conditions were already raised, so each is sent once until it clears.
import { createRowsQuery, type Queryable } from '../platform/queryable';

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
// Every municipality's locks (a cluster-wide job); each join stays within the lock's municipality.
const lockJoins = `FROM lock_device l JOIN door d ON d.municipality_id = l.municipality_id AND d.id = l.door_id
  JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id
  JOIN municipality m ON l.municipality_id = m.id
  JOIN webhook_audit_cursor c ON c.municipality_id = l.municipality_id
  LEFT JOIN lock_block_list_report r ON r.municipality_id = l.municipality_id AND r.lock_device_id = l.id`;

/** Installed locks at or under their municipality's battery threshold (batteryThresholdPercent, 20 %). */
export const listLowBatteryLocks = createRowsQuery<WebhookLockCondition, []>(
  `SELECT ${lockColumns} ${lockJoins}
   WHERE l.status = 'installed' AND l.battery_level IS NOT NULL
     AND l.battery_level <= coalesce((m.settings->>'batteryThresholdPercent')::int, 20)
   ORDER BY l.id`,
);

/**
 * Installed locks that have not reported a block-list version holding a key blocked more than
 * `lagMs` before `now`: the key is still usable there (R1.6).
 */
export const listLaggingBlockListLocks = createRowsQuery<WebhookLockCondition, [now: Date, lagMs: number]>(
  `SELECT ${lockColumns} ${lockJoins}
   WHERE l.status = 'installed' AND EXISTS (
     SELECT 1 FROM block_list_entry b WHERE b.municipality_id = m.id
       AND b.added_in_version > coalesce(r.version, 0)
       AND b.blocked_at <= $1::timestamptz - make_interval(secs => $2::double precision / 1000))
   ORDER BY l.id`,
);

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
