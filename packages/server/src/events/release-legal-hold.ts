import type { Actor } from '@portvakt/core';
import { releaseLegalHold as markReleased, withTransaction } from '@portvakt/storage';
import type pg from 'pg';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import { notFound } from '../platform/errors';

/** Releases a legal hold (the next retention run removes what it kept); audited. */
export async function releaseLegalHold({
  db,
  actor,
  input,
}: {
  db: pg.Pool;
  actor: Actor;
  input: { id: string; requestId: string };
}): Promise<void> {
  authorise(actor, 'legal_hold', 'delete');
  await withTransaction(db, async (client) => {
    if (!(await markReleased(client, actor.municipalityId, input.id, actor.label)))
      throw notFound('legal hold');
    await recordChange(client, actor, {
      action: 'release',
      entity: 'legal_hold',
      entityId: input.id,
      requestId: input.requestId,
    });
  });
}
