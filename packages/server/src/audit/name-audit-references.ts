// The names of the records a page of the audit trail refers to (a lock's door, a service's
// provider), answered beside the page as its `references` (docs/api.md "Audit trail"): read when
// the page is, never written into the append-only trail.
import {
  listAuditReferences,
  referenceKey,
  type AuditEntryRow,
  type AuditReference,
  type AuditReferenceKind,
} from '@portvakt/contract';
import { decideAccess, type Actor } from '@portvakt/core';
import { readReferencedNames, type Queryable } from '@portvakt/storage';

/**
 * A name is derived data of the record it names, so it is read by that record's rule too: only
 * kinds the reader may read across the municipality (the trail's readers read all of it, but an
 * auditor no accounts) are named; the others stay as recorded.
 */
const readsEveryRecordOf = (actor: Actor, kind: AuditReferenceKind) =>
  decideAccess(actor, kind, 'read')?.kind === 'municipality';

/**
 * Each record `entries` refer to, once, by its name now or null when it is no longer there; one
 * statement for the whole page, none when it refers to nothing the reader may name.
 */
export async function nameAuditReferences(
  db: Queryable,
  actor: Actor,
  entries: ReadonlyArray<Pick<AuditEntryRow, 'before' | 'after'>>,
): Promise<AuditReference[]> {
  const wanted = listAuditReferences(...entries.flatMap((entry) => [entry.before, entry.after])).filter(
    (reference) => readsEveryRecordOf(actor, reference.kind),
  );
  const found = await readReferencedNames(db, actor.municipalityId, wanted);
  const names = new Map(
    found.map((record) => [referenceKey(record.kind as AuditReferenceKind, record.id), record.name]),
  );
  return wanted.map((reference) => ({
    ...reference,
    name: names.get(referenceKey(reference.kind, reference.id)) ?? null,
  }));
}
