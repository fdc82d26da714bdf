import { createLookupByIds, createRowsQuery, type Queryable } from '../platform/queryable';
import { replaceRowSet } from '../platform/statements';

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
  [municipalityId: string, customerId: string]
>(`SELECT s.position, d.id AS "doorId", d.kind, d.label, d.property_id AS "propertyId",
          l.id AS "lockId", l.serial AS "lockSerial"
   FROM access_path_step s JOIN door d ON d.municipality_id = s.municipality_id AND d.id = s.door_id
   LEFT JOIN lock_device l ON l.municipality_id = d.municipality_id AND l.door_id = d.id AND l.status = 'installed'
   WHERE s.municipality_id = $1 AND s.customer_id = $2 ORDER BY s.position`);

/** Replaces the customer's whole path (call inside a transaction). */
export async function replaceAccessPath(
  db: Queryable,
  municipalityId: string,
  customerId: string,
  doorIds: string[],
): Promise<void> {
  await replaceRowSet(
    db,
    [
      'DELETE FROM access_path_step WHERE municipality_id = $1 AND customer_id = $2',
      [municipalityId, customerId],
    ],
    doorIds.length > 0 && [
      `INSERT INTO access_path_step (municipality_id, customer_id, position, door_id)
     SELECT $1, $2, ordinality - 1, door_id FROM unnest($3::uuid[]) WITH ORDINALITY AS x(door_id, ordinality)`,
      [municipalityId, customerId, doorIds],
    ],
  );
}

/** The street address of each door's property, by door id. */
export const readDoorAddresses = createLookupByIds<string, [municipalityId: string]>(
  `SELECT d.id, p.street_address
   FROM door d JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id
   WHERE d.municipality_id = $1 AND d.id = ANY($2::uuid[])`,
);
