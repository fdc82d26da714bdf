// The event read log (docs/event-log.md "Queries and read logging"): who read whose events,
// when. Append-only like audit_entry; every event read writes a row in its own transaction.
import type { Queryable } from '../registry';
import { takeIdPage } from './event-finding.repository';

export interface EventReadInput {
  municipalityId: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorLabel: string;
  actorRole: string | null;
  queryKind: string;
  subjectKind: string;
  subjectId: string | null;
  timeFrom: Date | null;
  timeTo: Date | null;
  rowCount: number;
  requestId: string | null;
}

/** Records one read of the event log (who looked at whose events, when). */
export async function recordEventRead(db: Queryable, read: EventReadInput): Promise<void> {
  await db.query(
    `INSERT INTO event_read_log (municipality_id, actor_user_id, actor_token_id, actor_label, actor_role, query_kind,
       subject_kind, subject_id, time_from, time_to, row_count, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      read.municipalityId,
      read.actorUserId,
      read.actorTokenId,
      read.actorLabel,
      read.actorRole,
      read.queryKind,
      read.subjectKind,
      read.subjectId,
      read.timeFrom,
      read.timeTo,
      read.rowCount,
      read.requestId,
    ],
  );
}

export interface EventReadEntry {
  id: number;
  occurredAt: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorLabel: string;
  actorRole: string | null;
  queryKind: string;
  subjectKind: string;
  subjectId: string | null;
  timeFrom: string | null;
  timeTo: string | null;
  rowCount: number;
}

/** The read log, newest first. */
export async function listEventReads(
  db: Queryable,
  query: {
    municipalityId: string;
    subjectKind?: string | undefined;
    subjectId?: string | undefined;
    beforeId?: number | undefined;
    limit: number;
  },
): Promise<{ items: EventReadEntry[]; hasMore: boolean }> {
  const { rows } = await db.query<
    Omit<EventReadEntry, 'occurredAt' | 'timeFrom' | 'timeTo'> & {
      occurredAt: Date;
      timeFrom: Date | null;
      timeTo: Date | null;
    }
  >(
    `SELECT id, occurred_at AS "occurredAt", actor_user_id AS "actorUserId", actor_token_id AS "actorTokenId",
       actor_label AS "actorLabel", actor_role AS "actorRole", query_kind AS "queryKind", subject_kind AS "subjectKind",
       subject_id AS "subjectId", time_from AS "timeFrom", time_to AS "timeTo", row_count AS "rowCount"
     FROM event_read_log
     WHERE municipality_id = $1 AND ($2::text IS NULL OR subject_kind = $2) AND ($3::text IS NULL OR subject_id = $3)
       AND ($4::bigint IS NULL OR id < $4)
     ORDER BY id DESC LIMIT $5`,
    [
      query.municipalityId,
      query.subjectKind ?? null,
      query.subjectId ?? null,
      query.beforeId ?? null,
      query.limit + 1,
    ],
  );
  return takeIdPage(rows, query.limit, (row) => ({
    ...row,
    occurredAt: row.occurredAt.toISOString(),
    timeFrom: row.timeFrom?.toISOString() ?? null,
    timeTo: row.timeTo?.toISOString() ?? null,
  }));
}
