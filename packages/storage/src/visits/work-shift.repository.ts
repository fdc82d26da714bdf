// Work shifts (docs/visits.md "Work shifts"): a key activation or a phone login opens the key
// holder's shift until its ticket expires; another one while the shift is open extends it. A work
// lead registers the ones the devices did not see, and approves them with the staff member's day.
import type { Scope, WorkShiftSource } from '@portvakt/core';
import { optionalConditions, selectKeysetPage } from '../platform/keyset-page';
import { recordedAccountName } from '../platform/named-account';
import { createFirstValueQuery, Params, type Queryable, selectFirstRow } from '../platform/queryable';
import { scopeCondition } from '../registry';

/**
 * Opens or extends the key holder's shift from `now` until `endsAt` (activation, phone login,
 * phone check-in): migration 0047's `open_work_shift`, which first takes the holder's shift lock
 * until the caller's transaction (or this statement's) ends. Two activations or logins at once
 * would otherwise each find no open shift and each open one, so the hours would count twice.
 */
export async function openWorkShift(
  db: Queryable,
  key: { municipalityId: string; digitalKeyId: string },
  source: 'activation' | 'phone',
  endsAt: Date,
  now: Date,
): Promise<void> {
  await db.query({
    name: 'open-work-shift',
    text: 'SELECT open_work_shift($1, $2, $3, $4, $5)',
    values: [key.municipalityId, key.digitalKeyId, endsAt, source, now],
  });
}

export interface WorkShiftRow {
  id: string;
  staffMemberId: string;
  staffName: string;
  providerId: string;
  source: WorkShiftSource;
  startsAt: Date;
  endsAt: Date;
  approvedAt: Date | null;
  approvedBy: string | null;
  /** The approver's name: the provider's work lead or the municipality's staff. */
  approvedByName: string | null;
}

export interface WorkShiftFilter {
  from: Date;
  to: Date;
  staffMemberId?: string | undefined;
  providerId?: string | undefined;
  /** Keyset position: the last row's start (PostgreSQL text, full precision) and id. */
  after?: { startsAt: string; id: string } | undefined;
  limit: number;
}

/** Shifts overlapping [from, to) inside `scope`, earliest first (a night shift is in both days). */
export async function listWorkShifts(
  db: Queryable,
  scope: Scope,
  filter: WorkShiftFilter,
): Promise<(WorkShiftRow & { position: string })[]> {
  const params = new Params();
  const where = [
    scopeCondition('work_shift', scope, params),
    `t.starts_at < ${params.add(filter.to)}`,
    `t.ends_at > ${params.add(filter.from)}`,
    ...optionalConditions(params, [
      ['t.staff_member_id = ?', filter.staffMemberId],
      ['t.provider_id = ?', filter.providerId],
    ]),
  ];
  return selectKeysetPage<WorkShiftRow & { position: string }>(db, params, {
    select: `SELECT t.id, t.staff_member_id AS "staffMemberId", s.given_name || ' ' || s.family_name AS "staffName",
       t.provider_id AS "providerId", t.source, t.starts_at AS "startsAt", t.ends_at AS "endsAt",
       t.approved_at AS "approvedAt", t.approved_by AS "approvedBy",
       ${recordedAccountName('t', 't.approved_by', 'n.provider_id = t.provider_id')} AS "approvedByName",
       t.starts_at::text AS position
     FROM work_shift t JOIN staff_member s ON s.id = t.staff_member_id AND s.municipality_id = t.municipality_id
       AND t.municipality_id = ${params.add(scope.municipalityId)}`,
    where,
    order: { key: 't.starts_at', cast: 'timestamptz' },
    after: filter.after && { sortKey: filter.after.startsAt, id: filter.after.id },
    limit: filter.limit,
  });
}

/**
 * The provider of a staff member of the municipality inside `scope` (a work lead: their own
 * staff), locked until the transaction ends so that two registrations of the same person's shifts
 * are checked for overlap one after the other. Undefined when out of scope or unknown.
 */
export async function lockShiftStaffMember(
  db: Queryable,
  scope: Scope,
  staffMemberId: string,
): Promise<{ providerId: string } | undefined> {
  const params = new Params();
  const inScope = scopeCondition('staff_member', scope, params);
  return selectFirstRow<{ providerId: string }>(
    db,
    `SELECT t.provider_id AS "providerId" FROM staff_member t
     WHERE t.municipality_id = ${params.add(scope.municipalityId)} AND t.id = ${params.add(staffMemberId)}
       AND ${inScope} FOR UPDATE`,
    params.values,
  );
}

/** Another shift of the staff member, of any source, overlapping [startsAt, endsAt). */
export const findOverlappingWorkShift = createFirstValueQuery<
  string,
  [staffMemberId: string, startsAt: Date, endsAt: Date, municipalityId: string]
>(`SELECT id FROM work_shift WHERE municipality_id = $4 AND staff_member_id = $1 AND starts_at < $3 AND ends_at > $2
   ORDER BY starts_at LIMIT 1`);

/** A shift registered by hand (source `manual`). Returns its id. */
export async function insertWorkShift(
  db: Queryable,
  shift: { municipalityId: string; providerId: string; staffMemberId: string; startsAt: Date; endsAt: Date },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO work_shift (municipality_id, provider_id, staff_member_id, source, starts_at, ends_at)
     VALUES ($1, $2, $3, 'manual', $4, $5) RETURNING id`,
    [shift.municipalityId, shift.providerId, shift.staffMemberId, shift.startsAt, shift.endsAt],
  );
  return rows[0]!.id;
}

/**
 * Marks the staff member's shifts inside `scope` that start in [from, to) approved, once: a
 * shift keeps who approved it first. Returns how many were marked.
 */
export async function approveWorkShifts(
  db: Queryable,
  scope: Scope,
  change: { staffMemberId: string; from: Date; to: Date; by: string },
): Promise<number> {
  const params = new Params();
  const inScope = scopeCondition('work_shift', scope, params);
  const { rowCount } = await db.query(
    `UPDATE work_shift t SET approved_at = now(), approved_by = ${params.add(change.by)}
     WHERE t.municipality_id = ${params.add(scope.municipalityId)} AND ${inScope} AND t.staff_member_id
 = ${params.add(change.staffMemberId)}
       AND t.starts_at >= ${params.add(change.from)} AND t.starts_at < ${params.add(change.to)}
       AND t.approved_at IS NULL`,
    params.values,
  );
  return rowCount ?? 0;
}

/**
 * Takes back the approval of these staff members' shifts that start in [from, to): a person
 * changed a visit of that day after it was approved, so the day must be approved again
 * (docs/visits.md "Approval"). Returns the shifts whose approval was withdrawn.
 */
export async function withdrawWorkShiftApprovals(
  db: Queryable,
  change: { municipalityId: string; staffMemberIds: readonly string[]; from: Date; to: Date },
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE work_shift SET approved_at = NULL, approved_by = NULL
     WHERE municipality_id = $1 AND staff_member_id = ANY($2::uuid[]) AND starts_at >= $3 AND starts_at < $4
       AND approved_at IS NOT NULL
     RETURNING id`,
    [change.municipalityId, [...change.staffMemberIds], change.from, change.to],
  );
  return rows.map((row) => row.id);
}
