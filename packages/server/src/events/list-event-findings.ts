import type { Actor } from '@portvakt/core';
import { listEventFindings as listFindingRows, type Queryable } from '@portvakt/storage';
import { authorise } from '../platform/authorise';

/** Integrity findings of the actor's municipality, newest first, keyset-paged by id. */
export async function listEventFindings({
  db,
  actor,
  input,
}: {
  db: Queryable;
  actor: Actor;
  input: {
    kind?: string | undefined;
    deviceId?: string | undefined;
    cursor?: number | undefined;
    limit?: number | undefined;
  };
}) {
  authorise(actor, 'event_finding', 'read');
  const page = await listFindingRows(db, {
    municipalityId: actor.municipalityId,
    kind: input.kind,
    deviceId: input.deviceId,
    beforeId: input.cursor,
    limit: input.limit ?? 100,
  });
  return { items: page.items, nextCursor: page.hasMore ? (page.items.at(-1)?.id ?? null) : null };
}
