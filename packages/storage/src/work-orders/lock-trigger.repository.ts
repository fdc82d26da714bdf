// The facts the lock triggers decide on (core install-needs.ts): a customer's doors and services,
// who else lives behind a door, and the install orders a refusal cancels. Read inside the
// registry write's own transaction.
import type { DoorKind, ServiceDates, DoorOnPath, WorkOrderState } from '@portvakt/core';
import { createFirstRowQuery, createRowsQuery, type Queryable } from '../platform/queryable';
import { withCustomerWayIn } from './customer-way-in.sql';

export interface CustomerLockFacts {
  customerId: string;
  apartmentDoorId: string | null;
  /** The flag on the customer, or the newest recorded decision a refusal or withdrawal (R6.2). */
  hasRefusedLock: boolean;
  services: ServiceDates[];
  /** The path's doors and the apartment door, each once, with the lock installed on it. */
  doors: DoorOnPath[];
}

/** A customer's doors, services and refusal; undefined when there is no such customer. */
export async function readCustomerLockFacts(
  db: Queryable,
  municipalityId: string,
  customerId: string,
): Promise<CustomerLockFacts | undefined> {
  const customer = await db.query<{ apartmentDoorId: string | null; hasRefusedLock: boolean }>(
    `SELECT c.apartment_door_id AS "apartmentDoorId",
       c.has_refused_lock OR coalesce((SELECT k.decision <> 'consented' FROM customer_lock_consent k
         WHERE k.municipality_id = $2 AND k.customer_id = c.id ORDER BY k.id DESC LIMIT 1), false) AS "hasRefusedLock"
     FROM customer c WHERE c.id = $1 AND c.municipality_id = $2`,
    [customerId, municipalityId],
  );
  const row = customer.rows[0];
  if (!row) return undefined;
  const services = await db.query<ServiceDates>(
    `SELECT to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn"
     FROM customer_service WHERE customer_id = $1 AND municipality_id = $2`,
    [customerId, municipalityId],
  );
  const doors = await db.query<DoorOnPath>(
    `${withCustomerWayIn('$2', '$1')}
     SELECT d.id AS "doorId", d.kind, l.id AS "installedLockId"
     FROM doors p JOIN door d ON d.id = p.door_id AND d.municipality_id = $2
     LEFT JOIN lock_device l ON l.municipality_id = d.municipality_id AND l.door_id = d.id AND l.status = 'installed'
     ORDER BY p.position`,
    [customerId, municipalityId],
  );
  return {
    customerId,
    apartmentDoorId: row.apartmentDoorId,
    hasRefusedLock: row.hasRefusedLock,
    services: services.rows,
    doors: doors.rows,
  };
}

/** One door with the lock installed on it; undefined when there is no such door. */
export const readDoorWithLock = createFirstRowQuery<
  DoorOnPath,
  [municipalityId: string, doorId: string]
>(`SELECT d.id AS "doorId", d.kind, l.id AS "installedLockId" FROM door d
   LEFT JOIN lock_device l ON l.municipality_id = d.municipality_id AND l.door_id = d.id AND l.status = 'installed'
   WHERE d.municipality_id = $1 AND d.id = $2`);

/**
 * For each door, the services of every other customer behind it (path step or apartment door,
 * as lock_usage_on counts them), one list per customer.
 */
export async function readOtherResidentServices(
  db: Queryable,
  municipalityId: string,
  doorIds: readonly string[],
  exceptCustomerId: string,
): Promise<Map<string, ServiceDates[][]>> {
  const byDoor = new Map<string, ServiceDates[][]>();
  if (doorIds.length === 0) return byDoor;
  const { rows } = await db.query<{ doorId: string; services: ServiceDates[] }>(
    `WITH behind AS (
       SELECT door_id, customer_id FROM access_path_step WHERE municipality_id = $3 AND door_id = ANY($1::uuid[])
       UNION SELECT apartment_door_id, id FROM customer WHERE municipality_id = $3 AND apartment_door_id = ANY($1::uuid[])
     )
     SELECT b.door_id AS "doorId",
       coalesce((SELECT json_agg(json_build_object('startsOn', to_char(s.starts_on, 'YYYY-MM-DD'),
         'endsOn', to_char(s.ends_on, 'YYYY-MM-DD'))) FROM customer_service s
         WHERE s.municipality_id = $3 AND s.customer_id = b.customer_id),
         '[]'::json) AS services
     FROM behind b WHERE b.customer_id <> $2`,
    [doorIds, exceptCustomerId, municipalityId],
  );
  for (const row of rows) byDoor.set(row.doorId, [...(byDoor.get(row.doorId) ?? []), row.services]);
  return byDoor;
}

export interface CancellableOrder {
  id: string;
  reference: string;
  kind: 'install' | 'move';
  doorId: string;
  /** The kind of the door the lock goes on: an install's door, a move's target door. */
  doorKind: DoorKind;
  state: WorkOrderState;
  version: number;
}

/**
 * Orders not yet started (requested or planned) that put a lock on, with the kind of the door the
 * lock goes on: a customer's installs (`{ customerId }`), or their installs and the moves of a
 * lock onto their home's door or for them (`{ customerId, isMoveIncluded: true }`), a door's
 * installs (`{ doorId }`), or the installs and the moves onto a door (`{ doorId, isMoveIncluded:
 * true }`), locked for the caller's change.
 */
export async function listUnstartedInstallOrders(
  db: Queryable,
  municipalityId: string,
  of: ({ customerId: string } | { doorId: string }) & { isMoveIncluded?: boolean },
): Promise<CancellableOrder[]> {
  const installs = 'customerId' in of ? `o.customer_id = $1` : `o.door_id = $1`;
  // A move made by hand may name no customer: the customer whose home door it goes to is theirs,
  // as readWorkOrderConsentFacts reads whose consent it waits for.
  const moves =
    'customerId' in of
      ? `o.customer_id = $1 OR (o.customer_id IS NULL AND o.target_door_id =
           (SELECT c.apartment_door_id FROM customer c WHERE c.municipality_id = $2 AND c.id = $1))`
      : `o.target_door_id = $1`;
  const condition = of.isMoveIncluded
    ? `((${installs}) AND o.kind = 'install' OR (${moves}) AND o.kind = 'move')`
    : `${installs} AND o.kind = 'install'`;
  const { rows } = await db.query<CancellableOrder>(
    `SELECT o.id, o.reference, o.kind, o.door_id AS "doorId", d.kind AS "doorKind", o.state, o.version
     FROM work_order o JOIN door d ON d.municipality_id = o.municipality_id
       AND d.id = CASE WHEN o.kind = 'move' THEN o.target_door_id ELSE o.door_id END
     WHERE o.municipality_id = $2 AND ${condition} AND o.state IN ('requested', 'planned')
     ORDER BY o.created_at, o.id FOR UPDATE OF o`,
    ['customerId' in of ? of.customerId : of.doorId, municipalityId],
  );
  return rows;
}

/**
 * A customer's dismount orders proposed when their services were to end (origin `service_ended`)
 * that are still `requested`, locked for the caller's change: stale once the customer is served
 * longer (lock-triggers.ts).
 */
export const listRequestedServiceEndDismounts = createRowsQuery<
  { id: string; state: WorkOrderState; version: number },
  [municipalityId: string, customerId: string]
>(
  `SELECT id, state, version FROM work_order
   WHERE municipality_id = $1 AND customer_id = $2 AND kind = 'dismount' AND origin = 'service_ended'
     AND state = 'requested'
   ORDER BY created_at, id FOR UPDATE`,
);
