// What the visit list for relatives reads (R5.1; docs/api.md "Visit lists"): the customer, inside
// the asking scope and its period, and the successful staff openings at the customer's apartment
// door, only by the asking provider's own staff when a provider asks.
import type { Scope, ServicePeriod } from '@portvakt/core';
import { attributableSql, hasHeldEvents } from '.';
import { Params, scopeCondition, type Queryable } from '../registry';

export interface VisitListCustomer {
  name: string;
  doorId: string | null;
  /** The municipality's `showStaffNamesToRelatives` setting. */
  showNames: boolean;
}

export interface DoorOpeningRow {
  at: Date;
  pseudonym: string;
  name: string | null;
  provider: string | null;
}

/**
 * The customer when `scope` may see them during `period`: for a provider, one of its services
 * must overlap the period (core's ServicePeriod rule, the same as the registry's). Undefined
 * otherwise, exactly as for an id that does not exist.
 */
export async function findVisitListCustomer(
  db: Queryable,
  scope: Scope,
  customerId: string,
  period: ServicePeriod,
): Promise<VisitListCustomer | undefined> {
  const params = new Params();
  const inScope = scopeCondition(
    'customer',
    scope.kind === 'provider' ? { ...scope, servedDuring: period } : scope,
    params,
  );
  const { rows } = await db.query<VisitListCustomer>(
    `SELECT t.given_name || ' ' || t.family_name AS name, t.apartment_door_id AS "doorId",
       coalesce((m.settings->>'showStaffNamesToRelatives')::boolean, false) AS "showNames"
     FROM customer t JOIN municipality m ON m.id = t.municipality_id
     WHERE t.id = ${params.add(customerId)} AND ${inScope}`,
    params.values,
  );
  return rows[0];
}

/**
 * Successful, attributable staff openings at `doorId` in [from, to), oldest first; with
 * `providerId`, only openings by that provider's own staff (a provider never sees another
 * provider's visits, nor the names of its staff).
 */
export async function listStaffOpenings(
  db: Queryable,
  municipalityId: string,
  doorId: string,
  from: Date,
  to: Date,
  providerId?: string,
): Promise<DoorOpeningRow[]> {
  const table = (await hasHeldEvents(db, municipalityId)) ? 'device_event_all' : 'device_event';
  const { rows } = await db.query<DoorOpeningRow>(
    `SELECT e.occurred_at AS at, e.staff_pseudonym AS pseudonym, s.given_name || ' ' || s.family_name AS name,
       p.name AS provider
     FROM ${table} e
       LEFT JOIN staff_member s ON s.pseudonym = e.staff_pseudonym
       LEFT JOIN provider p ON p.id = s.provider_id
     WHERE e.municipality_id = $1 AND e.door_id = $2::uuid AND e.kind = 1 AND e.result = 0
       AND e.staff_pseudonym IS NOT NULL AND ${attributableSql('e')}
       AND e.occurred_at >= $3::timestamptz AND e.occurred_at < $4::timestamptz
       AND ($5::uuid IS NULL OR s.provider_id = $5::uuid)
     ORDER BY e.occurred_at`,
    [municipalityId, doorId, from, to, providerId ?? null],
  );
  return rows;
}
