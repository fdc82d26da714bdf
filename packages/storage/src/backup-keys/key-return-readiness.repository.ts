// The facts of key-return readiness (R8.3) in one snapshot: the customers asked about with the
// keys held for them, the providers of their services in force on the day with the day each was
// introduced, the doors on their way in with lock_usage_on (migration 0023, the one definition of
// "in use"), the deviation plans, and the municipality's settings. Core judges them.
import type { Scope } from '@portvakt/core';
import type pg from 'pg';
import { Params, type Queryable } from '../platform/queryable';
import { withTransaction } from '../platform/transaction';
import { serviceDuring } from '../registry';
import { listDeviationPlans, type DeviationPlanRow } from './deviation-plan.repository';

export const readinessCustomerLimit = 2000;

export interface ReadinessCustomerFacts {
  customerId: string;
  customerName: string;
  districtId: string;
  districtName: string;
  keysHeld: number;
  copiesHeld: number;
  providers: Array<{ providerId: string; name: string; introducedOn: string | null }>;
  doors: Array<{ doorId: string; label: string; lockId: string | null; isInUse: boolean }>;
}

export interface ReadinessSnapshot {
  customers: ReadinessCustomerFacts[];
  isTruncated: boolean;
  plans: DeviationPlanRow[];
  settings: Record<string, unknown>;
}

export interface ReadinessFilter {
  districtId?: string | undefined;
  providerId?: string | undefined;
  customerId?: string | undefined;
  /** Only customers with keys still held (in scope). */
  isHolding?: boolean | undefined;
}

/**
 * Reads the facts for the customers in `scope` matching the filter, judged on `day`. A provider
 * filter (or a work lead's scope) means the customers the provider serves on the day or later,
 * and those it still holds keys for; a work lead counts only their provider's keys.
 */
export async function readReadinessSnapshot(
  db: pg.Pool,
  scope: Scope,
  filter: ReadinessFilter,
  day: string,
): Promise<ReadinessSnapshot> {
  return withTransaction(db, (client) => readReadinessFacts(client, scope, filter, day), {
    mode: 'ISOLATION LEVEL REPEATABLE READ READ ONLY',
  });
}

/** As readReadinessSnapshot, on a connection already in a transaction (a key's return). */
export async function readReadinessFacts(
  client: Queryable,
  scope: Scope,
  filter: ReadinessFilter,
  day: string,
): Promise<ReadinessSnapshot> {
  const params = new Params();
  const m = params.add(scope.municipalityId);
  const ownProvider = scope.kind === 'provider' || scope.kind === 'self' ? scope.providerId : null;
  const scopeProvider = ownProvider ? params.add(ownProvider) : null;
  const ownKeys = scopeProvider ? ` AND b.provider_id = ${scopeProvider}` : '';
  const conditions: string[] = [];
  const servesOrHolds = (p: string) =>
    `(EXISTS (SELECT 1 FROM customer_service cs
              WHERE cs.municipality_id = ${m} AND cs.customer_id = c.id AND ${serviceDuring('cs', p, { fromDay: day, toDay: null }, params)})
      OR EXISTS (SELECT 1 FROM backup_key b
                 WHERE b.municipality_id = ${m} AND b.customer_id = c.id AND b.status = 'held' AND b.provider_id = ${p}))`;
  if (scopeProvider) conditions.push(servesOrHolds(scopeProvider));
  else if (scope.kind !== 'municipality')
    throw new Error(`No ${scope.kind} scope rule for key_return_readiness`);
  // A provider reader's filter by another provider finds nothing, as an unknown one would: within
  // their own scope it would tell whether that provider also serves or holds keys for a customer.
  if (filter.providerId && ownProvider && filter.providerId !== ownProvider) conditions.push('false');
  else if (filter.providerId) conditions.push(servesOrHolds(params.add(filter.providerId)));
  if (filter.districtId) conditions.push(`c.district_id = ${params.add(filter.districtId)}`);
  if (filter.customerId) conditions.push(`c.id = ${params.add(filter.customerId)}`);
  const held = `FROM backup_key b WHERE b.municipality_id = ${m} AND b.customer_id = c.id AND b.status = 'held'${ownKeys}`;
  if (filter.isHolding === true) conditions.push(`EXISTS (SELECT 1 ${held})`);
  if (filter.isHolding === false) conditions.push(`NOT EXISTS (SELECT 1 ${held})`);
  const customers = await client.query<Omit<ReadinessCustomerFacts, 'providers' | 'doors'>>(
    `SELECT c.id AS "customerId", c.given_name || ' ' || c.family_name AS "customerName",
       c.district_id AS "districtId", di.name AS "districtName",
       (SELECT count(*) ${held})::integer AS "keysHeld",
       (SELECT coalesce(sum(b.copies), 0) ${held})::integer AS "copiesHeld"
     FROM customer c JOIN district di ON di.municipality_id = c.municipality_id AND di.id = c.district_id
     WHERE c.municipality_id = ${m} ${conditions.map((condition) => `AND ${condition}`).join(' ')}
     ORDER BY di.name, c.family_name, c.given_name, c.id LIMIT ${readinessCustomerLimit + 1}`,
    params.values,
  );
  const isTruncated = customers.rows.length > readinessCustomerLimit;
  const found = customers.rows.slice(0, readinessCustomerLimit);
  const ids = found.map((row) => row.customerId);
  const providers = await client.query<{
    customerId: string;
    providerId: string;
    name: string;
    introducedOn: string | null;
  }>(
    `SELECT DISTINCT s.customer_id AS "customerId", p.id AS "providerId", p.name,
       to_char(i.introduced_on, 'YYYY-MM-DD') AS "introducedOn"
     FROM customer_service s JOIN provider p ON p.municipality_id = s.municipality_id AND p.id = s.provider_id
     LEFT JOIN provider_introduction i ON i.municipality_id = s.municipality_id
       AND i.customer_id = s.customer_id AND i.provider_id = s.provider_id
     WHERE s.municipality_id = $3 AND s.customer_id = ANY($1::uuid[]) AND s.starts_on <= $2::date
       AND (s.ends_on IS NULL OR s.ends_on >= $2::date)
     ORDER BY p.name, p.id`,
    [ids, day, scope.municipalityId],
  );
  const doors = await client.query<{
    customerId: string;
    doorId: string;
    label: string;
    lockId: string | null;
    isInUse: boolean;
  }>(
    `WITH path AS (
       SELECT customer_id, door_id, position FROM access_path_step
         WHERE municipality_id = $1 AND customer_id = ANY($2::uuid[])
       UNION ALL SELECT c.id, c.apartment_door_id, 1000000 FROM customer c
         WHERE c.municipality_id = $1 AND c.id = ANY($2::uuid[]) AND c.apartment_door_id IS NOT NULL
     ), doors AS (SELECT customer_id, door_id, min(position) AS position FROM path GROUP BY customer_id, door_id),
     usage AS (SELECT * FROM lock_usage_on($1, $3::date))
     SELECT p.customer_id AS "customerId", d.id AS "doorId", d.label, l.id AS "lockId",
       coalesce(u.is_in_use, false) AS "isInUse"
     FROM doors p JOIN door d ON d.municipality_id = $1 AND d.id = p.door_id
     LEFT JOIN lock_device l ON l.municipality_id = d.municipality_id AND l.door_id = d.id AND l.status = 'installed'
     LEFT JOIN usage u ON u.lock_device_id = l.id
     ORDER BY p.customer_id, p.position`,
    [scope.municipalityId, ids, day],
  );
  const plans = await listDeviationPlans(client, scope.municipalityId, {});
  const settings = await client.query<{ settings: Record<string, unknown> }>(
    'SELECT settings FROM municipality WHERE id = $1',
    [scope.municipalityId],
  );
  const byCustomer = new Map<string, ReadinessCustomerFacts>(
    found.map((row) => [row.customerId, { ...row, providers: [], doors: [] }]),
  );
  for (const { customerId, ...provider } of providers.rows)
    byCustomer.get(customerId)?.providers.push(provider);
  for (const { customerId, ...door } of doors.rows) {
    const facts = byCustomer.get(customerId);
    // One lock per door is installed; a second row would be a door listed twice.
    if (facts && !facts.doors.some((known) => known.doorId === door.doorId)) facts.doors.push(door);
  }
  return {
    customers: [...byCustomer.values()],
    isTruncated,
    plans,
    settings: settings.rows[0]?.settings ?? {},
  };
}
