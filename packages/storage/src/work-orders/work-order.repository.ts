// Work orders and their history (docs/work-orders.md). Creating an order and writing its first
// transition happen together; callers pass their own transaction. Every creator (a person, a
// trigger when a service is granted or ends, a battery round) goes through insertWorkOrders.
import {
  workOrderReferencePrefix,
  type ServerTransitionReason,
  type WorkOrderAwaits,
  type WorkOrderKind,
  type WorkOrderOrigin,
  type WorkOrderState,
} from '@portvakt/core';
import {
  createExistenceCheck,
  createFirstValueQuery,
  createFirstRowQuery,
  type Queryable,
} from '../platform/queryable';
import {
  insertWithRandomReference,
  referenceTaken,
  type DrawRandomBytes,
} from '../platform/random-reference';

/** Who does an order, when and for how long, and notes: what planning sets. */
export interface WorkOrderPlanning {
  assignedUserId?: string | null;
  assignedCompanyId?: string | null;
  bookedFrom?: Date | null;
  bookedUntil?: Date | null;
  plannedMinutes?: number | null;
  notes?: string | null;
}

export interface NewWorkOrder extends WorkOrderPlanning {
  kind: WorkOrderKind;
  doorId: string;
  origin: WorkOrderOrigin;
  awaits?: WorkOrderAwaits;
  lockDeviceId?: string | null;
  customerId?: string | null;
  targetDoorId?: string | null;
  batchId?: string | null;
  batchPosition?: number | null;
}

export interface InsertedWorkOrder {
  id: string;
  reference: string;
  doorId: string;
  kind: WorkOrderKind;
}

/**
 * Inserts orders in state `requested` with their first transition, stamped `at` (the caller's
 * clock) and `actor`. An order whose door already has an open order of the same kind is skipped
 * (the partial unique index `work_order_one_open`), so a trigger that fires twice makes one
 * order; so is an install on a door an open move brings a lock to (its target door), or one door
 * would get two locks planned. The answer lists only the orders made. Each reference is random
 * (core's `makeRandomReference`; never a count of the orders, which an owner, a provider or a
 * locksmith company would read the others' volume from, docs/work-orders.md "References"): a code
 * already taken in the municipality is drawn again. `drawRandomBytes` is the tests' to fix.
 */
export async function insertWorkOrders(
  db: Queryable,
  municipalityId: string,
  orders: readonly NewWorkOrder[],
  actor: string,
  at: Date,
  drawRandomBytes?: DrawRandomBytes,
): Promise<InsertedWorkOrder[]> {
  const made: InsertedWorkOrder[] = [];
  for (const order of orders) {
    const row = await insertWithRandomReference(
      workOrderReferencePrefix,
      at,
      (reference) => insertWithReference(db, { municipalityId, order, reference, actor, at }),
      drawRandomBytes,
    );
    if (row) made.push({ id: row.id, reference: row.reference, doorId: order.doorId, kind: order.kind });
  }
  return made;
}

const isReferenceTaken = createExistenceCheck<[municipalityId: string, reference: string]>(
  'SELECT 1 FROM work_order WHERE municipality_id = $1 AND reference = $2',
);

/**
 * One try of `insertWorkOrders` for one order: its row; undefined when it is skipped (above); or
 * `referenceTaken`, nothing written, when the municipality has `reference` already. Any conflict
 * makes nothing (`ON CONFLICT DO NOTHING` names no one index), so which it was is read after.
 */
async function insertWithReference(
  db: Queryable,
  {
    municipalityId,
    order,
    reference,
    actor,
    at,
  }: {
    municipalityId: string;
    order: NewWorkOrder;
    reference: string;
    actor: string;
    at: Date;
  },
): Promise<{ id: string; reference: string } | undefined | typeof referenceTaken> {
  const { rows } = await db.query<{ id: string; reference: string }>(
    `WITH made AS (
       INSERT INTO work_order (municipality_id, reference, kind, door_id, origin, awaits, lock_device_id,
         customer_id, target_door_id, batch_id, batch_position, assigned_user_id, assigned_company_id,
         booked_from, booked_until, planned_minutes, notes, created_by, created_at, updated_at,
         original_lock_storage)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
         $11, $12, $13, $14, $15, $16, $17, $18, $19, $19,
         -- A dismount restores the original lock: its order says where the install left it (R6.4).
         CASE WHEN $3 = 'dismount' THEN (
           SELECT w.original_lock_storage FROM work_order w
           WHERE w.municipality_id = $1 AND w.door_id = $4 AND w.kind = 'install' AND w.state = 'done'
             AND w.original_lock_storage IS NOT NULL
           ORDER BY w.finished_at DESC NULLS LAST LIMIT 1) END
       -- An open move brings its lock to its target door: no install there beside it.
       WHERE $3 <> 'install' OR NOT EXISTS (
         SELECT 1 FROM work_order m
         WHERE m.municipality_id = $1 AND m.kind = 'move' AND m.target_door_id = $4
           AND m.state IN ('requested', 'planned', 'in_progress'))
       ON CONFLICT DO NOTHING
       RETURNING id, reference
     ), history AS (
       INSERT INTO work_order_transition (municipality_id, work_order_id, from_state, to_state, reason_kind,
         reason_params, actor, at)
       -- An order a trigger made says which (docs/work-orders.md "History"); a person's says nothing.
       SELECT $1, id, NULL, 'requested', CASE WHEN $5 = 'manual' THEN 'text' ELSE 'origin' END,
         CASE WHEN $5 <> 'manual' THEN jsonb_build_object('origin', $5::text) END, $18, $19 FROM made
     )
     SELECT id, reference FROM made`,
    [
      municipalityId,
      reference,
      order.kind,
      order.doorId,
      order.origin,
      order.awaits ?? 'nothing',
      order.lockDeviceId ?? null,
      order.customerId ?? null,
      order.targetDoorId ?? null,
      order.batchId ?? null,
      order.batchPosition ?? null,
      order.assignedUserId ?? null,
      order.assignedCompanyId ?? null,
      order.bookedFrom ?? null,
      order.bookedUntil ?? null,
      order.plannedMinutes ?? null,
      order.notes ?? null,
      actor,
      at,
    ],
  );
  if (rows[0]) return rows[0];
  return (await isReferenceTaken(db, municipalityId, reference)) ? referenceTaken : undefined;
}

/**
 * Moves an order to `to` if it is still in `from` at `expectedVersion`, bumping its version and
 * recording the transition; returns false when the order changed meanwhile (the caller answers
 * version_conflict). Rules about which transitions are allowed are core's
 * (checkWorkOrderTransition); this only writes one. `reason` is a person's text (also the order's
 * state_reason) or a fact the server records (kind and params; the text columns stay null).
 */
export async function transitionWorkOrder(
  db: Queryable,
  change: {
    municipalityId: string;
    workOrderId: string;
    from: WorkOrderState;
    to: WorkOrderState;
    expectedVersion: number;
    reason: string | ServerTransitionReason | null;
    actor: string;
    at: Date;
  },
): Promise<boolean> {
  const text = typeof change.reason === 'string' ? change.reason : null;
  const fact = typeof change.reason === 'string' ? null : change.reason;
  const { rowCount } = await db.query(
    `WITH moved AS (
       UPDATE work_order SET state = $3, state_reason = $5, version = version + 1, updated_at = $7,
         started_at = CASE WHEN $3 = 'in_progress' AND started_at IS NULL THEN $7 ELSE started_at END,
         finished_at = CASE WHEN $3 IN ('done', 'failed', 'cancelled') THEN $7 ELSE finished_at END
       WHERE municipality_id = $8 AND id = $1 AND state = $2 AND version = $4
       RETURNING id
     )
     INSERT INTO work_order_transition (municipality_id, work_order_id, from_state, to_state, reason, reason_kind,
       reason_params, actor, at)
     SELECT $8, id, $2, $3, $5, $9, $10, $6, $7 FROM moved`,
    [
      change.workOrderId,
      change.from,
      change.to,
      change.expectedVersion,
      text,
      change.actor,
      change.at,
      change.municipalityId,
      fact?.kind ?? 'text',
      fact?.params ?? null,
    ],
  );
  return rowCount === 1;
}

/** The columns of an order a change may set (planning, the lock, what was done at the door). */
export interface WorkOrderFields extends WorkOrderPlanning {
  lockDeviceId?: string | null;
  actualMinutes?: number | null;
  originalLockStorage?: string | null;
  originalLockRestoredAt?: Date | null;
}

const fieldColumns: Record<keyof WorkOrderFields, string> = {
  assignedUserId: 'assigned_user_id',
  assignedCompanyId: 'assigned_company_id',
  bookedFrom: 'booked_from',
  bookedUntil: 'booked_until',
  plannedMinutes: 'planned_minutes',
  notes: 'notes',
  lockDeviceId: 'lock_device_id',
  actualMinutes: 'actual_minutes',
  originalLockStorage: 'original_lock_storage',
  originalLockRestoredAt: 'original_lock_restored_at',
};

/**
 * Sets the given fields of an order still at `expectedVersion`, bumping its version; returns
 * false when it changed meanwhile (the caller answers version_conflict). Fields left out keep
 * their value; null clears one.
 */
export async function updateWorkOrder(
  db: Queryable,
  change: {
    municipalityId: string;
    workOrderId: string;
    expectedVersion: number;
    fields: WorkOrderFields;
    at: Date;
  },
): Promise<boolean> {
  const values: unknown[] = [change.workOrderId, change.expectedVersion, change.at, change.municipalityId];
  const sets = ['version = version + 1', 'updated_at = $3'];
  for (const [field, column] of Object.entries(fieldColumns) as [keyof WorkOrderFields, string][]) {
    if (change.fields[field] === undefined) continue;
    values.push(change.fields[field]);
    sets.push(`${column} = $${values.length}`);
  }
  const { rowCount } = await db.query(
    `UPDATE work_order SET ${sets.join(', ')} WHERE municipality_id = $4 AND id = $1 AND version = $2`,
    values,
  );
  return rowCount === 1;
}

export interface LockBySerial {
  id: string;
  municipalityId: string;
  status: string;
  doorId: string | null;
  isEnrolled: boolean;
  /** Another open order that names this lock, if any. */
  otherOpenOrderId: string | null;
}

/**
 * The lock with this serial, whatever its case, in any municipality (serials are unique across
 * all regardless of case, migration 0061), whether it is
 * enrolled, and an open order other than `workOrderId` that names it; locked for the
 * transaction, so that two installers cannot take the same lock.
 */
export const findLockBySerial = createFirstRowQuery<
  LockBySerial,
  [serial: string, workOrderId: string]
>(`SELECT l.id, l.municipality_id AS "municipalityId", l.status, l.door_id AS "doorId",
     EXISTS (SELECT 1 FROM device_enrolment e
       WHERE e.municipality_id = l.municipality_id AND e.lock_device_id = l.id) AS "isEnrolled",
     (SELECT w.id FROM work_order w WHERE w.municipality_id = l.municipality_id AND w.lock_device_id = l.id AND w.id <> $2
        AND w.state IN ('requested', 'planned', 'in_progress') LIMIT 1) AS "otherOpenOrderId"
   FROM lock_device l WHERE lower(l.serial) = lower($1) FOR UPDATE OF l
   /* sharding: a scanned serial is unique across municipalities (lock_device_serial_key) and a lock of another municipality must be refused as taken; a router finds its shard through a serial to municipality reference table */`);

/** The lock installed on a door, if any. */
export const findInstalledLockOnDoor = createFirstValueQuery<
  string,
  [municipalityId: string, doorId: string]
>(`SELECT id FROM lock_device WHERE municipality_id = $1 AND door_id = $2 AND status = 'installed'`);

/**
 * The open move that brings a lock to this door (its target), if any: why insertWorkOrders made no
 * install there.
 */
export const findOpenMoveOntoDoor = createFirstRowQuery<
  { id: string; reference: string },
  [municipalityId: string, doorId: string]
>(`SELECT id, reference FROM work_order
   WHERE municipality_id = $1 AND kind = 'move' AND target_door_id = $2
     AND state IN ('requested', 'planned', 'in_progress')
   ORDER BY created_at, id LIMIT 1`);
