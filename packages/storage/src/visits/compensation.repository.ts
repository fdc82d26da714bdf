// The compensation run's reads and writes (docs/visits.md "Compensation run"): what one provider's
// month consists of, and runs stored as numbered, never-changed versions with their lines.
import type { CompensationResult, CompensationVisit, GrantedTimeClaim, Scope } from '@portvakt/core';
import { epochMsSql } from '../platform/epoch-ms';
import { createColumnQuery, Params, type Queryable } from '../platform/queryable';
import { scopeCondition } from '../registry';
import { joinHouseholdSql } from './household.repository';

/** The current version of every visit of the provider arriving in [from, to). */
export async function readCompensationVisits(
  db: Queryable,
  municipalityId: string,
  providerId: string,
  from: Date,
  to: Date,
): Promise<CompensationVisit[]> {
  const { rows } = await db.query<CompensationVisit>(
    `SELECT v.visit_id AS "visitId", v.customer_id AS "customerId", h.household_id AS "householdId", v.services,
       v.staff_member_ids AS "staffMemberIds", v.state, ${epochMsSql('v.arrival_at')} AS arrival,
       ${epochMsSql('v.departure_at')} AS departure,
       EXISTS (SELECT 1 FROM visit x WHERE x.municipality_id = v.municipality_id AND x.visit_id = v.visit_id
         AND x.is_late) AS "isLate"
     FROM visit v ${joinHouseholdSql('v', 'h', '$4')}
     WHERE v.municipality_id = $4 AND v.provider_id = $1 AND v.superseded_at IS NULL AND v.arrival_at >= $2
       AND v.arrival_at < $3
     ORDER BY v.arrival_at, v.visit_id`,
    [providerId, from, to, municipalityId],
  );
  return rows;
}

/**
 * Every granted service of the month with each provider serving its customer in the month (a
 * customer service running in it), for core's `attributeGrantedTime` to put in one provider's
 * run. What a provider planned of the service is only read for customers two or more providers
 * serve: for the others there is one candidate. What it gave is only read where the plans do not
 * decide (two or more candidates planned the most, often none), and is 0 elsewhere: summing a
 * month of visits for every shared customer took most of a Stockholm-sized run's time.
 */
export async function readGrantedTimeClaims(
  db: Queryable,
  municipalityId: string,
  month: { firstDay: string; lastDay: string; from: Date; to: Date },
): Promise<GrantedTimeClaim[]> {
  const { rows } = await db.query<GrantedTimeClaim>(
    `WITH granted AS (
       SELECT customer_id, service, minutes FROM granted_time WHERE municipality_id = $1 AND month = $2::date
     ), serving AS (
       SELECT cs.customer_id, cs.provider_id, bool_or(cs.service = 'home_care') AS is_home_care,
         min(cs.starts_on) AS serves_since
       FROM customer_service cs
       WHERE cs.municipality_id = $1 AND cs.starts_on <= $3::date AND (cs.ends_on IS NULL OR cs.ends_on >= $2::date)
         AND cs.customer_id IN (SELECT customer_id FROM granted)
       GROUP BY cs.customer_id, cs.provider_id
     ), shared AS (
       SELECT customer_id FROM serving GROUP BY customer_id HAVING count(*) > 1
     ), planned AS (
       SELECT p.customer_id, p.provider_id, s.service, sum(p.planned_minutes) AS minutes
       FROM planned_visit p CROSS JOIN LATERAL unnest(p.services) AS s(service)
       WHERE p.municipality_id = $1 AND p.customer_id IN (SELECT customer_id FROM shared)
         AND p.window_starts_at >= $4 AND p.window_starts_at < $5
       GROUP BY 1, 2, 3
     ), claims AS (
       SELECT g.customer_id, g.service, g.minutes, s.provider_id, s.is_home_care, s.serves_since,
         coalesce(p.minutes, 0) AS planned_minutes
       FROM granted g JOIN serving s ON s.customer_id = g.customer_id
         LEFT JOIN planned p ON p.customer_id = g.customer_id AND p.provider_id = s.provider_id AND p.service = g.service
     ), undecided AS (
       SELECT DISTINCT customer_id FROM (
         SELECT customer_id, service, planned_minutes,
           max(planned_minutes) OVER (PARTITION BY customer_id, service) AS most
         FROM claims WHERE customer_id IN (SELECT customer_id FROM shared)) c
       WHERE planned_minutes = most GROUP BY customer_id, service HAVING count(*) > 1
     ), given AS (
       SELECT v.customer_id, v.provider_id, s.service,
         sum(extract(epoch FROM v.departure_at - v.arrival_at) / 60) AS minutes
       FROM visit v CROSS JOIN LATERAL unnest(v.services) AS s(service)
       WHERE v.municipality_id = $1 AND v.customer_id IN (SELECT customer_id FROM undecided)
         AND v.superseded_at IS NULL AND v.state NOT IN ('declined', 'voided') AND v.departure_at IS NOT NULL
         AND v.arrival_at >= $4 AND v.arrival_at < $5
       GROUP BY 1, 2, 3
     )
     SELECT c.customer_id AS "customerId", c.service, c.minutes AS "grantedMinutes", c.provider_id AS "providerId",
       c.is_home_care AS "isHomeCare", to_char(c.serves_since, 'YYYY-MM-DD') AS "servesSince",
       c.planned_minutes::float8 AS "plannedMinutes", coalesce(v.minutes, 0)::float8 AS "givenMinutes"
     FROM claims c
       LEFT JOIN given v ON v.customer_id = c.customer_id AND v.provider_id = c.provider_id AND v.service = c.service`,
    [municipalityId, month.firstDay, month.lastDay, month.from, month.to],
  );
  return rows;
}

/** The municipality's providers, by name. */
export const listProviderIds = createColumnQuery<string, [municipalityId: string]>(
  'SELECT id FROM provider WHERE municipality_id = $1 ORDER BY name, id',
);

export interface CompensationRunRow {
  id: string;
  providerId: string;
  providerName: string;
  month: string;
  version: number;
  hash: string;
  totalAmountOre: number;
  heldBackVisitIds: string[];
  lateVisitIds: string[];
  givenVersusGranted: CompensationResult['givenVersusGranted'];
  createdBy: string;
  createdAt: Date;
}

const runColumns = `t.id, t.provider_id AS "providerId", p.name AS "providerName", to_char(t.month, 'YYYY-MM') AS month,
  t.version, t.hash, t.total_amount_ore::float8 AS "totalAmountOre", t.held_back_visit_ids AS "heldBackVisitIds",
  t.late_visit_ids AS "lateVisitIds", t.given_versus_granted AS "givenVersusGranted", t.created_by AS "createdBy",
  t.created_at AS "createdAt"`;

/**
 * Stores a run as the provider's next version for the month, with its lines. The version is
 * taken under a lock on the provider's row, so two runs at once get two versions.
 */
export async function insertCompensationRun(
  db: Queryable,
  run: {
    municipalityId: string;
    providerId: string;
    month: string;
    hash: string;
    result: CompensationResult;
    createdBy: string;
  },
): Promise<{ id: string; version: number }> {
  await db.query('SELECT 1 FROM provider WHERE municipality_id = $2 AND id = $1 FOR UPDATE', [
    run.providerId,
    run.municipalityId,
  ]);
  const { result } = run;
  const { rows } = await db.query<{ id: string; version: number }>(
    `INSERT INTO compensation_run (municipality_id, provider_id, month, version, hash, total_amount_ore,
       held_back_visit_ids, late_visit_ids, given_versus_granted, created_by)
     SELECT $1, $2, $3::date, coalesce(max(version), 0) + 1, $4, $5, $6, $7, $8, $9
     FROM compensation_run WHERE municipality_id = $1 AND provider_id = $2 AND month = $3::date
     RETURNING id, version`,
    [
      run.municipalityId,
      run.providerId,
      `${run.month}-01`,
      run.hash,
      result.totalAmountOre,
      result.heldBackVisitIds,
      result.lateVisitIds,
      JSON.stringify(result.givenVersusGranted),
      run.createdBy,
    ],
  );
  const created = rows[0]!;
  const lines = result.lines;
  await db.query(
    `INSERT INTO compensation_line (municipality_id, run_id, position, customer_id, service, band, customer_minutes,
       staff_minutes, per_hour, amount_ore, visit_ids)
     SELECT $10::uuid, $1, i.n, i.customer_id, i.service, i.band, i.customer_minutes, i.staff_minutes, i.per_hour, i.amount_ore,
       string_to_array(i.visit_ids, ',')::uuid[]
     FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::int[], $7::numeric[], $8::bigint[], $9::text[])
       WITH ORDINALITY AS i(customer_id, service, band, customer_minutes, staff_minutes, per_hour, amount_ore, visit_ids, n)`,
    [
      created.id,
      lines.map((l) => l.customerId),
      lines.map((l) => l.service),
      lines.map((l) => l.band),
      lines.map((l) => l.customerMinutes),
      lines.map((l) => l.staffMinutes),
      lines.map((l) => l.perHour),
      lines.map((l) => l.amountOre),
      lines.map((l) => l.visitIds.join(',')),
      run.municipalityId,
    ],
  );
  return created;
}

/** Runs inside `scope`, newest month and version first; optionally one month. */
export async function listCompensationRuns(
  db: Queryable,
  scope: Scope,
  month: string | undefined,
): Promise<CompensationRunRow[]> {
  const params = new Params();
  const inScope = scopeCondition('compensation_run', scope, params);
  const monthCondition = month ? ` AND t.month = ${params.add(`${month}-01`)}::date` : '';
  const { rows } = await db.query<CompensationRunRow>(
    `SELECT ${runColumns} FROM compensation_run t
       JOIN provider p ON p.id = t.provider_id AND p.municipality_id = t.municipality_id
     WHERE t.municipality_id = ${params.add(scope.municipalityId)} AND ${inScope.replaceAll('t.', 't.')}${monthCondition}
     ORDER BY t.month DESC, p.name, t.version DESC LIMIT 500`,
    params.values,
  );
  return rows;
}

export interface CompensationLineRow {
  customerId: string;
  customerName: string;
  service: string;
  band: string;
  customerMinutes: number;
  staffMinutes: number;
  perHour: number;
  amountOre: number;
  visitIds: string[];
}

/** A run inside `scope` with its lines in order, and the version before it (for the diff). */
export async function findCompensationRun(
  db: Queryable,
  scope: Scope,
  runId: string,
): Promise<{ run: CompensationRunRow; lines: CompensationLineRow[]; previousId: string | null } | undefined> {
  const params = new Params();
  const inScope = scopeCondition('compensation_run', scope, params);
  const { rows } = await db.query<CompensationRunRow & { previousId: string | null }>(
    `SELECT ${runColumns},
       (SELECT x.id FROM compensation_run x WHERE x.municipality_id = t.municipality_id
          AND x.provider_id = t.provider_id AND x.month = t.month AND x.version = t.version - 1) AS "previousId"
     FROM compensation_run t JOIN provider p ON p.id = t.provider_id AND p.municipality_id = t.municipality_id
     WHERE t.municipality_id = ${params.add(scope.municipalityId)} AND t.id = ${params.add(runId)}
       AND ${inScope.replaceAll('t.', 't.')}`,
    params.values,
  );
  const row = rows[0];
  if (!row) return undefined;
  const { previousId, ...run } = row;
  const lines = await db.query<CompensationLineRow>(
    `SELECT l.customer_id AS "customerId", c.given_name || ' ' || c.family_name AS "customerName", l.service, l.band,
       l.customer_minutes AS "customerMinutes", l.staff_minutes AS "staffMinutes", l.per_hour::float8 AS "perHour",
       l.amount_ore::float8 AS "amountOre", l.visit_ids AS "visitIds"
     FROM compensation_line l JOIN customer c ON c.id = l.customer_id AND c.municipality_id = l.municipality_id
     WHERE l.municipality_id = $2 AND l.run_id = $1 ORDER BY l.position`,
    [runId, scope.municipalityId],
  );
  return { run, lines: lines.rows, previousId };
}

export interface LatestRunRow {
  id: string;
  providerId: string;
  providerName: string;
  version: number;
  createdAt: Date;
}

export interface GivenVersusGrantedRecord {
  providerId: string;
  providerName: string;
  customerId: string;
  customerName: string;
  service: string;
  givenMinutes: number;
  grantedMinutes: number | null;
}

/**
 * The month's latest run of each provider inside `scope` (optionally one provider), and the
 * given-against-granted rows stored with it, with the names to show.
 */
export async function listLatestGivenVersusGranted(
  db: Queryable,
  scope: Scope,
  month: string,
  providerId: string | undefined,
): Promise<{ runs: LatestRunRow[]; rows: GivenVersusGrantedRecord[] }> {
  const params = new Params();
  const municipality = params.add(scope.municipalityId);
  const inScope = scopeCondition('compensation_run', scope, params);
  const providerCondition = providerId ? ` AND t.provider_id = ${params.add(providerId)}` : '';
  const { rows } = await db.query<LatestRunRow & { given: GivenVersusGrantedRecord[] }>(
    `WITH latest AS (
       SELECT DISTINCT ON (t.provider_id) t.id, t.provider_id, t.version, t.created_at, t.given_versus_granted
       FROM compensation_run t
       WHERE t.municipality_id = ${municipality} AND ${inScope} AND t.month = ${params.add(`${month}-01`)}::date${providerCondition}
       ORDER BY t.provider_id, t.version DESC)
     SELECT l.id, l.provider_id AS "providerId", p.name AS "providerName", l.version, l.created_at AS "createdAt",
       coalesce((SELECT jsonb_agg(jsonb_build_object(
           'providerId', l.provider_id, 'providerName', p.name,
           'customerId', g->>'customerId', 'customerName', c.given_name || ' ' || c.family_name,
           'service', g->>'service', 'givenMinutes', (g->>'givenMinutes')::int,
           'grantedMinutes', (g->>'grantedMinutes')::int))
         FROM jsonb_array_elements(l.given_versus_granted) g
         JOIN customer c ON c.municipality_id = ${municipality} AND c.id = (g->>'customerId')::uuid), '[]'::jsonb)
         AS given
     FROM latest l JOIN provider p ON p.municipality_id = ${municipality} AND p.id = l.provider_id

     ORDER BY p.name, l.provider_id`,
    params.values,
  );
  return {
    runs: rows.map(({ given: _given, ...run }) => run),
    rows: rows.flatMap((row) => row.given),
  };
}
