// A couple's home (docs/visits.md "A shared home"): customers who have one apartment door. Their
// visits by one staff member may overlap, and the compensation run counts the overlap once.
import type { Scope } from '@portvakt/core';
import { Params, type Queryable } from '../platform/queryable';
import { scopeCondition } from '../registry';

/**
 * SQL for the apartment door the visit's customer shares with another customer of the
 * municipality, or null: the `householdId` of core's household rules. Read from the registry as it
 * is now, like the customer's name on a visit.
 */
export function householdIdSql(visit: string): string {
  return `(SELECT c.apartment_door_id FROM customer c
     WHERE c.municipality_id = ${visit}.municipality_id AND c.id = ${visit}.customer_id
       AND EXISTS (SELECT 1 FROM customer o WHERE o.municipality_id = c.municipality_id
                     AND o.apartment_door_id = c.apartment_door_id AND o.id <> c.id))`;
}

/**
 * The other customers of `customerId`'s home (sharing the apartment door) that `scope` may see,
 * by name: whom a visit there can be moved to. A spouse another provider serves is not named.
 */
export async function listHomeCustomers(
  db: Queryable,
  scope: Scope,
  customerId: string,
): Promise<{ id: string; name: string }[]> {
  const params = new Params();
  const inScope = scopeCondition('customer', scope, params);
  const { rows } = await db.query<{ id: string; name: string }>(
    `SELECT t.id, t.given_name || ' ' || t.family_name AS name
     FROM customer t
       JOIN customer home ON home.municipality_id = t.municipality_id AND home.apartment_door_id = t.apartment_door_id
     WHERE home.municipality_id = ${params.add(scope.municipalityId)} AND home.id = ${params.add(customerId)}
       AND t.id <> home.id AND ${inScope}
     ORDER BY name, t.id`,
    params.values,
  );
  return rows;
}
