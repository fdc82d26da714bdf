import { createRowsQuery, type Queryable } from '../platform/queryable';

export interface AccessPathDoor {
  position: number;
  doorId: string;
  kind: string;
  label: string;
  propertyId: string;
  lockId: string | null;
  lockSerial: string | null;
}

/** The doors on the way in to a customer, in order, with the lock installed on each (if any). */
export const readAccessPath = createRowsQuery<
  AccessPathDoor,
  [customerId: string]
>(`SELECT s.position, d.id AS "doorId", d.kind, d.label, d.property_id AS "propertyId",
          l.id AS "lockId", l.serial AS "lockSerial"
   FROM access_path_step s JOIN door d ON d.id = s.door_id
   LEFT JOIN lock_device l ON l.door_id = d.id AND l.status = 'installed'
   WHERE s.customer_id = $1 ORDER BY s.position`);

/** Replaces the customer's whole path (call inside a transaction). */
export async function replaceAccessPath(db: Queryable, customerId: string, doorIds: string[]): Promise<void> {
  await db.query('DELETE FROM access_path_step WHERE customer_id = $1', [customerId]);
  if (doorIds.length === 0) return;
  await db.query(
    `INSERT INTO access_path_step (customer_id, position, door_id)
     SELECT $1, ordinality - 1, door_id FROM unnest($2::uuid[]) WITH ORDINALITY AS x(door_id, ordinality)`,
    [customerId, doorIds],
  );
}

/** The street address of each door's property, by door id. */
export async function readDoorAddresses(db: Queryable, doorIds: string[]): Promise<Map<string, string>> {
  if (doorIds.length === 0) return new Map();
  const { rows } = await db.query<{ doorId: string; address: string }>(
    `SELECT d.id AS "doorId", p.street_address AS address FROM door d JOIN property p ON p.id = d.property_id
     WHERE d.id = ANY($1::uuid[])`,
    [doorIds],
  );
  return new Map(rows.map((row) => [row.doorId, row.address]));
}
