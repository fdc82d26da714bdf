import type { Actor } from '@portvakt/core';
import { listEventReads as listReadRows, type Queryable } from '@portvakt/storage';
import { authorise } from '../platform/authorise';

/** Who read whose events, and when (for auditors), newest first. */
export async function listEventReads({
  db,
  actor,
  input,
}: {
  db: Queryable;
  actor: Actor;
  input: {
    subjectKind?: string | undefined;
    subjectId?: string | undefined;
    cursor?: number | undefined;
    limit?: number | undefined;
  };
}) {
  authorise(actor, 'event_read_log', 'read');
  const page = await listReadRows(db, {
    municipalityId: actor.municipalityId,
    subjectKind: input.subjectKind,
    subjectId: input.subjectId,
    beforeId: input.cursor,
    limit: input.limit ?? 100,
  });
  return { items: page.items, nextCursor: page.hasMore ? (page.items.at(-1)?.id ?? null) : null };
}
