import type { Actor } from '@portvakt/core';
import { listLegalHolds as listHoldRows, type Queryable } from '@portvakt/storage';
import { authorise } from '../platform/authorise';

/** The municipality's legal holds, active and released, newest first. */
export async function listLegalHolds({ db, actor }: { db: Queryable; actor: Actor; input?: undefined }) {
  authorise(actor, 'legal_hold', 'read');
  const holds = await listHoldRows(db, actor.municipalityId);
  return {
    items: holds.map((hold) => ({
      ...hold,
      placedAt: hold.placedAt.toISOString(),
      releasedAt: hold.releasedAt?.toISOString() ?? null,
    })),
  };
}
