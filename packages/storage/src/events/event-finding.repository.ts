// Integrity findings of the event log (docs/event-log.md "Ingest", "verify-log"): what ingest
// rejected or saw missing, and what verify-log found. Append-only; read by auditors.
import { selectIdPage, type IdPage } from '../platform/id-page';
import type { Queryable } from '../registry';

export interface EventFindingInput {
  municipalityId: string;
  kind:
    | 'gap'
    | 'gap_filled'
    | 'rejected_batch'
    | 'unknown_device'
    | 'conflicting_record'
    | 'altered_record'
    | 'bad_head_signature'
    | 'broken_chain'
    | 'audit_trail'
    | 'chain-fork'
    | 'missing_record'
    | 'missing_chain'
    | 'head_ledger'
    | 'unauthorised_cabinet_record';
  deviceId?: string | null;
  firstSequence?: number | null;
  lastSequence?: number | null;
  message: string;
  sourceKind?: string | null;
  sourceDeviceId?: string | null;
  batch?: Uint8Array | null;
  foundBy?: string;
}

/** Records findings (one statement for many). */
export async function insertEventFindings(db: Queryable, findings: EventFindingInput[]): Promise<void> {
  if (findings.length === 0) return;
  await db.query(
    `INSERT INTO event_finding (municipality_id, kind, device_id, first_sequence, last_sequence, message,
       source_kind, source_device_id, batch, found_by)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::bigint[], $5::bigint[], $6::text[], $7::text[],
       $8::text[], $9::bytea[], $10::text[])`,
    [
      findings.map((f) => f.municipalityId),
      findings.map((f) => f.kind),
      findings.map((f) => f.deviceId ?? null),
      findings.map((f) => f.firstSequence ?? null),
      findings.map((f) => f.lastSequence ?? null),
      findings.map((f) => f.message),
      findings.map((f) => f.sourceKind ?? null),
      findings.map((f) => f.sourceDeviceId ?? null),
      findings.map((f) => (f.batch ? Buffer.from(f.batch) : null)),
      findings.map((f) => f.foundBy ?? 'ingest'),
    ],
  );
}

export interface EventFinding {
  id: number;
  kind: string;
  deviceId: string | null;
  firstSequence: number | null;
  lastSequence: number | null;
  message: string;
  sourceKind: string | null;
  sourceDeviceId: string | null;
  foundBy: string;
  foundAt: string;
}

/** Findings of a municipality, newest first, keyset-paged by id. */
export async function listEventFindings(
  db: Queryable,
  query: {
    municipalityId: string;
    kind?: string | undefined;
    deviceId?: string | undefined;
    beforeId?: number | undefined;
    limit: number;
  },
): Promise<IdPage<EventFinding>> {
  return selectIdPage<EventFinding & { foundAt: Date }, EventFinding>(
    db,
    {
      columns: `id, kind, device_id AS "deviceId", first_sequence AS "firstSequence", last_sequence AS "lastSequence",
       message, source_kind AS "sourceKind", source_device_id AS "sourceDeviceId", found_by AS "foundBy",
       found_at AS "foundAt"`,
      table: 'event_finding',
      filters: [
        ['kind = ?', query.kind],
        ['device_id = ?', query.deviceId],
      ],
    },
    query,
    (row) => ({ ...row, foundAt: row.foundAt.toISOString() }),
  );
}
