// What the relatives' visit list reads (R5.1; docs/visits.md "Relatives' visit list"): the
// customer, inside the asking scope for the period asked about, and the customer's current visit
// versions in that period inside the same scope, so the list holds the visits billing counts.
import type { RelativesVisitState, Scope, ServicePeriod, StaffOccupation } from '@portvakt/core';
import { Params, type Queryable, selectFirstRow } from '../platform/queryable';
import { scopeCondition } from '../registry';

export interface RelativesListCustomer {
  name: string;
}

export interface RelativesVisitRow {
  arrival: Date;
  departure: Date | null;
  state: RelativesVisitState;
  providerName: string;
  /** In the visit's order; only what the list may show of them. */
  staff: { givenName: string; occupation: StaffOccupation | null }[];
}

/**
 * The customer when `scope` may see them during `period`: for a provider, one of its services
 * must overlap the period (core's ServicePeriod rule, the same as the registry's). Undefined
 * otherwise, exactly as for an id that does not exist.
 */
export async function findRelativesListCustomer(
  db: Queryable,
  scope: Scope,
  customerId: string,
  period: ServicePeriod,
): Promise<RelativesListCustomer | undefined> {
  const params = new Params();
  const inScope = scopeCondition(
    'customer',
    scope.kind === 'provider' ? { ...scope, servedDuring: period } : scope,
    params,
  );
  return selectFirstRow<RelativesListCustomer>(
    db,
    `SELECT t.given_name || ' ' || t.family_name AS name FROM customer t
     WHERE t.municipality_id = ${params.add(scope.municipalityId)} AND t.id = ${params.add(customerId)} AND ${inScope}`,
    params.values,
  );
}

/**
 * Current versions of the customer's visits arriving in [from, to) inside `scope`, oldest
 * first, declined ones included and voided ones (registered by mistake) left out
 * (core `hasVisitHappened`): a provider gets its own visits only, never another provider's
 * visits to a shared customer or the names of its staff.
 */
export async function listRelativesVisits(
  db: Queryable,
  scope: Scope,
  customerId: string,
  from: Date,
  to: Date,
): Promise<RelativesVisitRow[]> {
  const params = new Params();
  const inScope = scopeCondition('visit', scope, params);
  const { rows } = await db.query<RelativesVisitRow>(
    `SELECT t.arrival_at AS arrival, t.departure_at AS departure, t.state, p.name AS "providerName",
       coalesce((SELECT json_agg(json_build_object('givenName', s.given_name, 'occupation', s.occupation) ORDER BY u.n)
                 FROM unnest(t.staff_member_ids) WITH ORDINALITY u(id, n)
                   JOIN staff_member s ON s.id = u.id AND s.municipality_id = t.municipality_id),
                '[]'::json) AS staff
     FROM visit t JOIN provider p ON p.id = t.provider_id AND p.municipality_id = t.municipality_id
     WHERE t.municipality_id = ${params.add(scope.municipalityId)} AND t.customer_id
 = ${params.add(customerId)} AND t.superseded_at IS NULL AND t.state <> 'voided'
       AND t.arrival_at >= ${params.add(from)} AND t.arrival_at < ${params.add(to)} AND ${inScope}
     ORDER BY t.arrival_at, t.visit_id`,
    params.values,
  );
  return rows;
}
