// Emergency openings (R9.2, docs/support.md "Emergency opening"): scoped reads for the board,
// the facts a report is judged on, and versioned writes of the timestamps. Each emergency has
// its support case (insertSupportCase); its timeline notes are written through
// appendSupportCaseNote by the server's use cases. Callers pass their own transaction and clock.
import type { EmergencyCause, Scope } from '@portvakt/core';
import { recordedAccountName } from '../platform/named-account';
import {
  createExistenceCheck,
  createFirstValueQuery,
  Params,
  type Queryable,
  selectFirstRow,
} from '../platform/queryable';

export interface EmergencyOpeningRecord {
  id: string;
  municipalityId: string;
  supportCaseId: string;
  reference: string;
  customerId: string | null;
  customerName: string | null;
  doorId: string;
  doorLabel: string;
  doorKind: string;
  streetAddress: string;
  lockId: string | null;
  lockSerial: string | null;
  providerId: string | null;
  providerName: string | null;
  description: string | null;
  reportedAt: Date;
  reportedBy: string;
  /** The reporter's name: the provider's people or the municipality's staff. */
  reportedByName: string | null;
  locksmithCompanyId: string | null;
  locksmithCompanyName: string | null;
  assignedAt: Date | null;
  assignedBy: string | null;
  dueAt: Date | null;
  onSiteAt: Date | null;
  doorOpenedAt: Date | null;
  closedAt: Date | null;
  cause: EmergencyCause | null;
  followUpWorkOrderId: string | null;
  followUpWorkOrderReference: string | null;
  followUpCaseId: string | null;
  followUpCaseReference: string | null;
  version: number;
}

/**
 * The emergencies (aliased `e`) inside `scope` with what the board shows of them; every joined
 * row is read within the emergency's municipality.
 */
function selectEmergency(scope: Scope, params: Params): string {
  return `
  SELECT e.id, e.municipality_id AS "municipalityId", e.support_case_id AS "supportCaseId", s.reference,
    e.customer_id AS "customerId", c.given_name || ' ' || c.family_name AS "customerName",
    e.door_id AS "doorId", d.label AS "doorLabel", d.kind AS "doorKind", p.street_address AS "streetAddress",
    e.lock_device_id AS "lockId", l.serial AS "lockSerial", e.provider_id AS "providerId",
    pr.name AS "providerName", s.description, e.reported_at AS "reportedAt", e.reported_by AS "reportedBy",
    ${recordedAccountName('e', 'e.reported_by', 'n.provider_id = e.provider_id')} AS "reportedByName",
    e.locksmith_company_id AS "locksmithCompanyId", lc.name AS "locksmithCompanyName",
    e.assigned_at AS "assignedAt", e.assigned_by AS "assignedBy", e.due_at AS "dueAt",
    e.on_site_at AS "onSiteAt", e.door_opened_at AS "doorOpenedAt", e.closed_at AS "closedAt", e.cause,
    e.follow_up_work_order_id AS "followUpWorkOrderId", w.reference AS "followUpWorkOrderReference",
    e.follow_up_case_id AS "followUpCaseId", fc.reference AS "followUpCaseReference", e.version
  FROM emergency_opening e
  JOIN support_case s ON s.municipality_id = e.municipality_id AND s.id = e.support_case_id
  JOIN door d ON d.municipality_id = e.municipality_id AND d.id = e.door_id
  JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id
  LEFT JOIN customer c ON c.municipality_id = e.municipality_id AND c.id = e.customer_id
  LEFT JOIN lock_device l ON l.municipality_id = e.municipality_id AND l.id = e.lock_device_id
  LEFT JOIN provider pr ON pr.municipality_id = e.municipality_id AND pr.id = e.provider_id
  LEFT JOIN locksmith_company lc ON lc.municipality_id = e.municipality_id AND lc.id = e.locksmith_company_id
  LEFT JOIN work_order w ON w.municipality_id = e.municipality_id AND w.id = e.follow_up_work_order_id
  LEFT JOIN support_case fc ON fc.municipality_id = e.municipality_id AND fc.id = e.follow_up_case_id
  WHERE e.municipality_id = ${params.add(scope.municipalityId)} AND ${emergencyScope(scope, params)}`;
}

/**
 * The condition keeping emergencies (aliased `e`) of the scope's municipality inside `scope`: a
 * provider's and its staff's own (the provider whose staff stood outside), an installer's
 * company's assignments. Fails closed for any other scope kind.
 */
function emergencyScope(scope: Scope, params: Params): string {
  switch (scope.kind) {
    case 'municipality':
      return 'true';
    case 'provider':
    case 'self':
      return `e.provider_id = ${params.add(scope.providerId)}`;
    case 'assignee':
      return scope.locksmithCompanyId
        ? `e.locksmith_company_id = ${params.add(scope.locksmithCompanyId)}`
        : 'false';
    default:
      throw new Error(`No ${scope.kind} scope rule for emergency_opening`);
  }
}

export async function listEmergencyOpenings(
  db: Queryable,
  scope: Scope,
  filter: { state: 'open' | 'closed' | 'all'; limit: number },
): Promise<EmergencyOpeningRecord[]> {
  const params = new Params();
  const conditions = [selectEmergency(scope, params)];
  if (filter.state === 'open') conditions.push('e.closed_at IS NULL');
  if (filter.state === 'closed') conditions.push('e.closed_at IS NOT NULL');
  // Open ones by deadline (unassigned first: they have none yet), then the closed ones latest
  // closed first: the board's "latest closed" keep the newest in view (docs/support.md).
  const { rows } = await db.query<EmergencyOpeningRecord>(
    `${conditions.join(' AND ')}
     ORDER BY (e.closed_at IS NULL) DESC, CASE WHEN e.closed_at IS NULL THEN e.due_at END ASC NULLS FIRST,
       e.closed_at DESC, e.reported_at DESC
     LIMIT ${params.add(filter.limit)}`,
    params.values,
  );
  return rows;
}

/** One emergency inside `scope`; with `isLocking`, the row is locked for a versioned change. */
export async function findEmergencyOpening(
  db: Queryable,
  scope: Scope,
  id: string,
  isLocking = false,
): Promise<EmergencyOpeningRecord | undefined> {
  const params = new Params();
  return selectFirstRow<EmergencyOpeningRecord>(
    db,
    `${selectEmergency(scope, params)} AND e.id = ${params.add(id)}
     ${isLocking ? 'FOR UPDATE OF e' : ''}`,
    params.values,
  );
}

/** What a report of "cannot get in" is judged on. */
export interface EmergencyTarget {
  isCustomerKnown: boolean;
  isDoorOnPath: boolean;
  lockId: string | null;
  /** Providers serving the customer on `day` (Stockholm). */
  servingProviderIds: string[];
}

/**
 * The customer, whether the door is on their way in (a step of the access path or their own
 * apartment door), the lock installed on it, and who serves them on `day`.
 */
export async function readEmergencyTarget(
  db: Queryable,
  municipalityId: string,
  customerId: string,
  doorId: string,
  day: string,
): Promise<EmergencyTarget> {
  const { rows } = await db.query<EmergencyTarget>(
    `SELECT EXISTS (SELECT 1 FROM customer WHERE id = $2 AND municipality_id = $1) AS "isCustomerKnown",
       EXISTS (SELECT 1 FROM door d JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id
               WHERE d.municipality_id = $1 AND d.id = $3 AND p.municipality_id = $1
                 AND (EXISTS (SELECT 1 FROM access_path_step a
                              WHERE a.municipality_id = $1 AND a.customer_id = $2 AND a.door_id = d.id)
                   OR EXISTS (SELECT 1 FROM customer c
                              WHERE c.municipality_id = $1 AND c.id = $2 AND c.apartment_door_id = d.id)))
         AS "isDoorOnPath",
       (SELECT l.id FROM lock_device l WHERE l.municipality_id = $1 AND l.door_id = $3 AND l.status = 'installed'
        ORDER BY l.id LIMIT 1) AS "lockId",
       ARRAY(SELECT DISTINCT cs.provider_id FROM customer_service cs
             WHERE cs.municipality_id = $1 AND cs.customer_id = $2 AND cs.starts_on <= $4::date
               AND (cs.ends_on IS NULL OR cs.ends_on >= $4::date)) AS "servingProviderIds"`,
    [municipalityId, customerId, doorId, day],
  );
  return rows[0]!;
}

export async function insertEmergencyOpening(
  db: Queryable,
  row: {
    municipalityId: string;
    supportCaseId: string;
    customerId: string;
    doorId: string;
    lockId: string | null;
    providerId: string | null;
    reportedAt: Date;
    reportedBy: string;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO emergency_opening (municipality_id, support_case_id, customer_id, door_id, lock_device_id,
       provider_id, reported_at, reported_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      row.municipalityId,
      row.supportCaseId,
      row.customerId,
      row.doorId,
      row.lockId,
      row.providerId,
      row.reportedAt,
      row.reportedBy,
    ],
  );
  return rows[0]!.id;
}

export interface EmergencyChange {
  locksmithCompanyId?: string;
  assignedAt?: Date;
  assignedBy?: string;
  dueAt?: Date;
  onSiteAt?: Date;
  doorOpenedAt?: Date;
  closedAt?: Date;
  cause?: EmergencyCause;
  followUpWorkOrderId?: string;
  followUpCaseId?: string;
}

const changeColumns: Record<keyof EmergencyChange, string> = {
  locksmithCompanyId: 'locksmith_company_id',
  assignedAt: 'assigned_at',
  assignedBy: 'assigned_by',
  dueAt: 'due_at',
  onSiteAt: 'on_site_at',
  doorOpenedAt: 'door_opened_at',
  closedAt: 'closed_at',
  cause: 'cause',
  followUpWorkOrderId: 'follow_up_work_order_id',
  followUpCaseId: 'follow_up_case_id',
};

/** Writes the change if the row is still at `version`; returns the new version, or null when stale. */
export async function updateEmergencyOpening(
  db: Queryable,
  municipalityId: string,
  id: string,
  version: number,
  change: EmergencyChange,
): Promise<number | null> {
  const params = new Params();
  const sets = Object.entries(change)
    .filter(([, value]) => value !== undefined)
    .map(([field, value]) => `${changeColumns[field as keyof EmergencyChange]} = ${params.add(value)}`);
  const { rows } = await db.query<{ version: number }>(
    `UPDATE emergency_opening SET ${[...sets, 'version = version + 1'].join(', ')}
     WHERE municipality_id = ${params.add(municipalityId)} AND id = ${params.add(id)}
       AND version = ${params.add(version)} RETURNING version`,
    params.values,
  );
  return rows[0]?.version ?? null;
}

/**
 * Resolves the emergency's support case when the emergency closes; returns the status it had
 * (for the timeline), or null when it was already resolved or closed.
 */
export async function resolveEmergencySupportCase(
  db: Queryable,
  municipalityId: string,
  supportCaseId: string,
  at: Date,
): Promise<string | null> {
  const { rows } = await db.query<{ fromStatus: string }>(
    `WITH before AS (SELECT id, status FROM support_case WHERE municipality_id = $3 AND id = $1 FOR UPDATE)
     UPDATE support_case s SET status = 'resolved', resolved_at = $2, updated_at = $2, version = s.version + 1
     FROM before WHERE s.municipality_id = $3 AND s.id = before.id AND before.status NOT IN ('resolved', 'closed')
     RETURNING before.status AS "fromStatus"`,
    [supportCaseId, at, municipalityId],
  );
  return rows[0]?.fromStatus ?? null;
}

/** Whether the support case is an emergency's own and that emergency is not closed yet. */
export const isEmergencyOfCaseOpen = createExistenceCheck<[municipalityId: string, supportCaseId: string]>(
  `SELECT 1 FROM emergency_opening
   WHERE municipality_id = $1 AND support_case_id = $2 AND closed_at IS NULL`,
);

/** The open work order of `kind` on a door, which a follow-up links to instead of a second one. */
export const findOpenWorkOrderId = createFirstValueQuery<
  string,
  [municipalityId: string, doorId: string, kind: string]
>(
  `SELECT id FROM work_order
   WHERE municipality_id = $1 AND door_id = $2 AND kind = $3 AND state IN ('requested', 'planned', 'in_progress')`,
);

export interface EmergencyTargetRecord {
  customerId: string;
  customerName: string;
  streetAddress: string | null;
  doors: Array<{ doorId: string; label: string; kind: string }>;
}

/**
 * Customers one may report "cannot get in" for, with the doors on their way in: those `providerId`
 * serves on `day` (Stockholm), or every customer of the municipality when null; by name.
 */
export async function listEmergencyTargets(
  db: Queryable,
  options: {
    municipalityId: string;
    providerId: string | null;
    day: string;
    search: string | null;
    limit: number;
  },
): Promise<EmergencyTargetRecord[]> {
  const { rows } = await db.query<EmergencyTargetRecord>(
    `SELECT c.id AS "customerId", c.given_name || ' ' || c.family_name AS "customerName",
       p.street_address AS "streetAddress",
       COALESCE((SELECT json_agg(json_build_object('doorId', d.id, 'label', d.label, 'kind', d.kind) ORDER BY a.position)
         FROM access_path_step a JOIN door d ON d.municipality_id = a.municipality_id AND d.id = a.door_id
         WHERE a.municipality_id = c.municipality_id AND a.customer_id = c.id), '[]') AS doors
     FROM customer c
     LEFT JOIN property p ON p.municipality_id = c.municipality_id AND p.id = c.residence_property_id
     WHERE c.municipality_id = $1
       AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM customer_service cs
         WHERE cs.municipality_id = c.municipality_id AND cs.customer_id = c.id
         AND cs.provider_id = $2 AND cs.starts_on <= $3::date AND (cs.ends_on IS NULL OR cs.ends_on >= $3::date)))
       AND ($4::text IS NULL OR c.given_name || ' ' || c.family_name ILIKE '%' || $4 || '%')
     ORDER BY c.family_name, c.given_name, c.id
     LIMIT $5`,
    [options.municipalityId, options.providerId, options.day, options.search, options.limit],
  );
  return rows;
}
