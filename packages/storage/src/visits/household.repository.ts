// A couple's home (docs/visits.md "A shared home"): customers who have one apartment door. Their
// visits by one staff member may overlap, and the compensation run counts the overlap once.
import type { Scope } from '@portvakt/core';
import { Params, type Queryable } from '../platform/queryable';
import { scopeCondition } from '../registry';

/**
 * SQL joining each visit (aliased `visit`) to `alias.household_id`: the apartment door its customer
 * shares with another customer of the municipality (`municipality`, a placeholder), or null — the
 * `householdId` of core's household rules, read from the registry as it is now, like the customer's
 * name on a visit. A join with the municipality's shared doors, found once, rather than two
 * lookups for each of a month's visits (docs/visits.md "Benchmark").
 */
export function joinHouseholdSql(visit: string, alias: string, municipality: string): string {
  return `LEFT JOIN (SELECT c.id AS customer_id, c.apartment_door_id AS household_id FROM customer c
       WHERE c.municipality_id = ${municipality} AND c.apartment_door_id IN (
         SELECT apartment_door_id FROM customer WHERE municipality_id = ${municipality} AND apartment_door_id IS NOT NULL
         GROUP BY apartment_door_id HAVING count(*) > 1)) ${alias} ON ${alias}.customer_id = ${visit}.customer_id`;
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
