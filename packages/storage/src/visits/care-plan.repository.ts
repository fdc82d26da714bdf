// What the care system plans and grants (docs/visits.md "Planned visits and granted time"):
// matched by the care system's id (planned visits) or by customer, service and month (granted
// time), so the same file twice changes nothing. One statement each; the caller's transaction.
import type { Scope } from '@portvakt/core';
import { optionalConditions, selectKeysetPage } from '../platform/keyset-page';
import { Params, type Queryable } from '../platform/queryable';
import { scopeCondition } from '../registry';

export interface PlannedVisitRow {
  externalId: string;
  customerId: string;
  providerId: string;
  services: string[];
  plannedMinutes: number;
  staffCount: number;
  windowStart: Date;
  windowEnd: Date;
}

export interface PlannedVisitListRow extends PlannedVisitRow {
  id: string;
  customerName: string;
  /** The window's start as PostgreSQL text (full precision), for the next page's `after`. */
  position: string;
}

/** Planned visits inside `scope` whose window overlaps [from, to), earliest first. */
export async function listPlannedVisits(
  db: Queryable,
  scope: Scope,
  filter: {
    from: Date;
    to: Date;
    customerId?: string | undefined;
    providerId?: string | undefined;
    after?: { windowStart: string; id: string } | undefined;
    limit: number;
  },
): Promise<PlannedVisitListRow[]> {
  const params = new Params();
  const where = [
    scopeCondition('planned_visit', scope, params),
    `t.window_starts_at < ${params.add(filter.to)}`,
    `t.window_ends_at > ${params.add(filter.from)}`,
    ...optionalConditions(params, [
      ['t.customer_id = ?', filter.customerId],
      ['t.provider_id = ?', filter.providerId],
    ]),
  ];
  return selectKeysetPage<PlannedVisitListRow>(db, params, {
    select: `SELECT t.id, t.external_id AS "externalId", t.customer_id AS "customerId",
       c.given_name || ' ' || c.family_name AS "customerName", t.provider_id AS "providerId", t.services,
       t.planned_minutes AS "plannedMinutes", t.staff_count AS "staffCount", t.window_starts_at AS "windowStart",
       t.window_ends_at AS "windowEnd", t.window_starts_at::text AS position
     FROM planned_visit t JOIN customer c ON c.id = t.customer_id AND c.municipality_id = t.municipality_id
       AND t.municipality_id = ${params.add(scope.municipalityId)}`,
    where,
    order: { key: 't.window_starts_at', cast: 'timestamptz' },
    after: filter.after && { sortKey: filter.after.windowStart, id: filter.after.id },
    limit: filter.limit,
  });
}

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * The rows (by index) whose customer is not served by their provider on the window's local day,
 * or whose customer or provider is not in the municipality: what an import must refuse.
 */
export async function findUnservedPlannedVisits(
  db: Queryable,
  municipalityId: string,
  rows: Pick<PlannedVisitRow, 'customerId' | 'providerId' | 'windowStart'>[],
): Promise<number[]> {
  const { rows: bad } = await db.query<{ n: number }>(
    `SELECT i.n::int AS n FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[]) WITH ORDINALITY
       AS i(customer_id, provider_id, at, n)
     WHERE NOT EXISTS (
       SELECT 1 FROM customer_service cs JOIN customer c ON c.id = cs.customer_id AND c.municipality_id = cs.municipality_id

       WHERE cs.customer_id = i.customer_id AND cs.provider_id = i.provider_id AND c.municipality_id = $1
         AND cs.starts_on <= (i.at AT TIME ZONE 'Europe/Stockholm')::date
         AND (cs.ends_on IS NULL OR cs.ends_on >= (i.at AT TIME ZONE 'Europe/Stockholm')::date))
     ORDER BY i.n`,
    [
      municipalityId,
      rows.map((r) => r.customerId),
      rows.map((r) => r.providerId),
      rows.map((r) => r.windowStart),
    ],
  );
  return bad.map((row) => row.n - 1);
}

/**
 * Runs an `INSERT … ON CONFLICT DO UPDATE … WHERE <changed>` and counts what it created and
 * updated; rows it neither inserted nor changed are unchanged.
 */
async function countUpserted(
  db: Queryable,
  upsert: string,
  values: unknown[],
  total: number,
): Promise<UpsertCounts> {
  const { rows } = await db.query<{ created: number; updated: number }>(
    `WITH upserted AS (${upsert} RETURNING (xmax = 0) AS inserted)
     SELECT count(*) FILTER (WHERE inserted)::int AS created, count(*) FILTER (WHERE NOT inserted)::int AS updated
     FROM upserted`,
    values,
  );
  const { created, updated } = rows[0]!;
  return { created, updated, unchanged: total - created - updated };
}

export async function upsertPlannedVisits(
  db: Queryable,
  municipalityId: string,
  rows: PlannedVisitRow[],
): Promise<UpsertCounts> {
  return countUpserted(
    db,
    `INSERT INTO planned_visit (municipality_id, external_id, customer_id, provider_id, services, planned_minutes,
         staff_count, window_starts_at, window_ends_at)
       SELECT $1, i.external_id, i.customer_id, i.provider_id, string_to_array(i.services, ','), i.minutes, i.staff,
         i.ws, i.we
       FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::int[], $7::int[], $8::timestamptz[],
                   $9::timestamptz[]) AS i(external_id, customer_id, provider_id, services, minutes, staff, ws, we)
       ON CONFLICT (municipality_id, external_id) DO UPDATE SET
         customer_id = EXCLUDED.customer_id, provider_id = EXCLUDED.provider_id, services = EXCLUDED.services,
         planned_minutes = EXCLUDED.planned_minutes, staff_count = EXCLUDED.staff_count,
         window_starts_at = EXCLUDED.window_starts_at, window_ends_at = EXCLUDED.window_ends_at, updated_at = now()
       WHERE (planned_visit.customer_id, planned_visit.provider_id, planned_visit.services,
              planned_visit.planned_minutes, planned_visit.staff_count, planned_visit.window_starts_at,
              planned_visit.window_ends_at)
         IS DISTINCT FROM (EXCLUDED.customer_id, EXCLUDED.provider_id, EXCLUDED.services, EXCLUDED.planned_minutes,
              EXCLUDED.staff_count, EXCLUDED.window_starts_at, EXCLUDED.window_ends_at)`,
    [
      municipalityId,
      rows.map((r) => r.externalId),
      rows.map((r) => r.customerId),
      rows.map((r) => r.providerId),
      rows.map((r) => r.services.join(',')),
      rows.map((r) => r.plannedMinutes),
      rows.map((r) => r.staffCount),
      rows.map((r) => r.windowStart),
      rows.map((r) => r.windowEnd),
    ],
    rows.length,
  );
}

export interface GrantedTimeRow {
  customerId: string;
  service: string;
  /** First day of the month, YYYY-MM-01. */
  month: string;
  minutes: number;
  decisionReference: string | null;
}

/** The rows (by index) whose customer is not the municipality's. */
export async function findForeignCustomers(
  db: Queryable,
  municipalityId: string,
  customerIds: string[],
): Promise<number[]> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT i.n::int AS n FROM unnest($2::uuid[]) WITH ORDINALITY AS i(customer_id, n)
     WHERE NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = i.customer_id AND c.municipality_id = $1)
     ORDER BY i.n`,
    [municipalityId, customerIds],
  );
  return rows.map((row) => row.n - 1);
}

export async function upsertGrantedTime(
  db: Queryable,
  municipalityId: string,
  rows: GrantedTimeRow[],
): Promise<UpsertCounts> {
  return countUpserted(
    db,
    `INSERT INTO granted_time (municipality_id, customer_id, service, month, minutes, decision_reference)
       SELECT $1, i.customer_id, i.service, i.month, i.minutes, i.ref
       FROM unnest($2::uuid[], $3::text[], $4::date[], $5::int[], $6::text[]) AS i(customer_id, service, month, minutes, ref)
       ON CONFLICT (municipality_id, customer_id, service, month) DO UPDATE SET
         minutes = EXCLUDED.minutes, decision_reference = EXCLUDED.decision_reference, updated_at = now()
       WHERE (granted_time.minutes, granted_time.decision_reference)
         IS DISTINCT FROM (EXCLUDED.minutes, EXCLUDED.decision_reference)`,
    [
      municipalityId,
      rows.map((r) => r.customerId),
      rows.map((r) => r.service),
      rows.map((r) => r.month),
      rows.map((r) => r.minutes),
      rows.map((r) => r.decisionReference),
    ],
    rows.length,
  );
}
