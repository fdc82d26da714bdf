// Deviation plans (R9.3, R8.3): written per provider, approved or rejected by the municipality
// once; a newer plan supersedes the older, both kept (no DELETE for the app role, 0029). Which is
// in force is core's findPlanInForce over these rows.
import { recordedAccountName } from '../platform/named-account';
import { createExistenceCheck, type Queryable } from '../platform/queryable';

export interface DeviationPlanRow {
  id: string;
  municipalityId: string;
  providerId: string;
  providerName: string;
  body: string;
  validFrom: string;
  recordedBy: string;
  /** The names of who recorded, approved and rejected: the provider's people or the municipality's staff. */
  recordedByName: string | null;
  recordedAt: Date;
  approvedBy: string | null;
  approvedByName: string | null;
  approvedAt: Date | null;
  /** The local (Stockholm) day of approval. */
  approvedOn: string | null;
  approvalNote: string | null;
  rejectedBy: string | null;
  rejectedByName: string | null;
  rejectedAt: Date | null;
  rejectedOn: string | null;
  rejectedReason: string | null;
}

const nameOf = (column: string) => recordedAccountName('x', column, 'n.provider_id = x.provider_id');
const local = (column: string) => `to_char((${column} AT TIME ZONE 'Europe/Stockholm')::date, 'YYYY-MM-DD')`;

/** The plans of the municipality `$1`, with their provider's name. */
const select = `SELECT x.id, x.municipality_id AS "municipalityId", x.provider_id AS "providerId",
  p.name AS "providerName", x.body, to_char(x.valid_from, 'YYYY-MM-DD') AS "validFrom",
  x.recorded_by AS "recordedBy", ${nameOf('x.recorded_by')} AS "recordedByName", x.recorded_at AS "recordedAt",
  x.approved_by AS "approvedBy", ${nameOf('x.approved_by')} AS "approvedByName",
  x.approved_at AS "approvedAt", ${local('x.approved_at')} AS "approvedOn", x.approval_note AS "approvalNote",
  x.rejected_by AS "rejectedBy", ${nameOf('x.rejected_by')} AS "rejectedByName", x.rejected_at AS "rejectedAt", ${local('x.rejected_at')} AS "rejectedOn",
  x.rejected_reason AS "rejectedReason"
  FROM deviation_plan x JOIN provider p ON p.municipality_id = x.municipality_id AND p.id = x.provider_id
  WHERE x.municipality_id = $1`;

/** The municipality's plans, of one provider when given, newest first. */
export async function listDeviationPlans(
  db: Queryable,
  municipalityId: string,
  filter: { providerId?: string | undefined; id?: string | undefined },
): Promise<DeviationPlanRow[]> {
  const { rows } = await db.query<DeviationPlanRow>(
    `${select} AND ($2::uuid IS NULL OR x.provider_id = $2)
       AND ($3::uuid IS NULL OR x.id = $3)
     ORDER BY p.name, x.valid_from DESC, x.recorded_at DESC LIMIT 2000`,
    [municipalityId, filter.providerId ?? null, filter.id ?? null],
  );
  return rows;
}

export async function insertDeviationPlan(
  db: Queryable,
  plan: {
    municipalityId: string;
    providerId: string;
    body: string;
    validFrom: string;
    recordedBy: string;
    recordedAt: Date;
  },
): Promise<DeviationPlanRow> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO deviation_plan (municipality_id, provider_id, body, valid_from, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [plan.municipalityId, plan.providerId, plan.body, plan.validFrom, plan.recordedBy, plan.recordedAt],
  );
  return (await listDeviationPlans(db, plan.municipalityId, { id: rows[0]!.id }))[0]!;
}

/** The municipality's decision; false when the plan was decided meanwhile (decided once). */
export async function decideDeviationPlan(
  db: Queryable,
  municipalityId: string,
  id: string,
  decision: { decision: 'approved' | 'rejected'; by: string; at: Date; reason: string | null },
): Promise<boolean> {
  const { rowCount } =
    decision.decision === 'approved'
      ? await db.query(
          `UPDATE deviation_plan SET approved_by = $2, approved_at = $3, approval_note = $4
           WHERE municipality_id = $5 AND id = $1 AND approved_at IS NULL AND rejected_at IS NULL`,
          [id, decision.by, decision.at, decision.reason, municipalityId],
        )
      : await db.query(
          `UPDATE deviation_plan SET rejected_by = $2, rejected_at = $3, rejected_reason = $4
           WHERE municipality_id = $5 AND id = $1 AND approved_at IS NULL AND rejected_at IS NULL`,
          [id, decision.by, decision.at, decision.reason, municipalityId],
        );
  return rowCount === 1;
}

/** Whether the provider a plan is written for exists in the municipality. */
export const isProviderOfMunicipality = createExistenceCheck<[municipalityId: string, providerId: string]>(
  'SELECT 1 FROM provider WHERE id = $2 AND municipality_id = $1',
);

/** Locks the plan's row for a decision, so two decisions on one plan are made one after the other. */
export async function lockDeviationPlan(db: Queryable, municipalityId: string, id: string): Promise<void> {
  await db.query('SELECT 1 FROM deviation_plan WHERE municipality_id = $2 AND id = $1 FOR UPDATE', [
    id,
    municipalityId,
  ]);
}
