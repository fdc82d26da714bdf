// Who loses their way in when a lock comes off a door: the customers with an ongoing service
// whose access path goes through that door (docs/api.md "Dismounting a lock").
import type { Queryable } from '../platform/queryable';

export interface DismountedDoor {
  id: string;
  label: string;
  kind: string;
  streetAddress: string;
}

export interface CustomerLosingAccess {
  id: string;
  name: string;
}

/**
 * The door and the customers whose service is ongoing on `today` (the request's local day,
 * YYYY-MM-DD, never the database's clock) or agreed to start later, and whose way in passes
 * through the door. Undefined when there is no such door.
 */
export async function findAccessLostByDismount(
  db: Queryable,
  municipalityId: string,
  doorId: string,
  today: string,
): Promise<{ door: DismountedDoor; customers: CustomerLosingAccess[] } | undefined> {
  const door = await db.query<DismountedDoor>(
    `SELECT d.id, d.label, d.kind, p.street_address AS "streetAddress"
     FROM door d JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id WHERE d.id = $1 AND d.municipality_id = $2`,
    [doorId, municipalityId],
  );
  if (!door.rows[0]) return undefined;
  const { rows } = await db.query<CustomerLosingAccess>(
    `SELECT c.id, c.given_name || ' ' || c.family_name AS name FROM customer c
     WHERE c.municipality_id = $2
       AND EXISTS (SELECT 1 FROM access_path_step a WHERE a.municipality_id = $2 AND a.customer_id = c.id AND a.door_id = $1)
       AND EXISTS (SELECT 1 FROM customer_service cs WHERE cs.municipality_id = $2 AND cs.customer_id = c.id
         AND (cs.ends_on IS NULL OR cs.ends_on >= $3::date))
     ORDER BY c.family_name, c.given_name, c.id`,
    [doorId, municipalityId, today],
  );
  return { door: door.rows[0], customers: rows };
}
