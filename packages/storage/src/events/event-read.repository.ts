// The event read log (docs/event-log.md "Queries and read logging"): who read whose events,
// when. Append-only like audit_entry; every event read writes a row in its own transaction.
import type { RecordedActor } from '../audit';
import { selectIdPage, type IdPage } from '../platform/id-page';
import type { Queryable } from '../registry';

/** What one read was: which query, about whom, and how many rows it answered with. */
interface EventRead extends RecordedActor {
  queryKind: string;
  subjectKind: string;
  subjectId: string | null;
  rowCount: number;
}

export interface EventReadInput extends EventRead {
  municipalityId: string;
  timeFrom: Date | null;
  timeTo: Date | null;
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

export interface EventReadEntry extends EventRead {
  id: number;
  occurredAt: string;
  timeFrom: string | null;
  timeTo: string | null;
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
): Promise<IdPage<EventReadEntry>> {
  return selectIdPage<
    Omit<EventReadEntry, 'occurredAt' | 'timeFrom' | 'timeTo'> & {
      occurredAt: Date;
      timeFrom: Date | null;
      timeTo: Date | null;
    },
    EventReadEntry
  >(
    db,
    {
      columns: `id, occurred_at AS "occurredAt", actor_user_id AS "actorUserId", actor_token_id AS "actorTokenId",
       actor_label AS "actorLabel", actor_role AS "actorRole", query_kind AS "queryKind", subject_kind AS "subjectKind",
       subject_id AS "subjectId", time_from AS "timeFrom", time_to AS "timeTo", row_count AS "rowCount"`,
      table: 'event_read_log',
      filters: [
        ['subject_kind = ?', query.subjectKind],
        ['subject_id = ?', query.subjectId],
      ],
    },
    query,
    (row) => ({
      ...row,
      occurredAt: row.occurredAt.toISOString(),
      timeFrom: row.timeFrom?.toISOString() ?? null,
      timeTo: row.timeTo?.toISOString() ?? null,
    }),
  );
}
