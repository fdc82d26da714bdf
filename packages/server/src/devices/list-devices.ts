import type { Actor, Scope } from '@portvakt/core';
import {
  listEnrolments,
  listKeyIdsOfProvider,
  type EnrolmentRecord,
  type Queryable,
} from '@portvakt/storage';

/** The municipality's enrolled devices; a work lead sees only their provider's keys and phones. */
export async function listDevices(options: {
  db: Queryable;
  actor: Actor;
  scope: Scope;
  input: { kind?: string | undefined };
}): Promise<EnrolmentRecord[]> {
  const items = await listEnrolments(options.db, options.actor.municipalityId, options.input.kind);
  if (options.scope.kind !== 'provider') return items;
  const own = new Set(
    await listKeyIdsOfProvider(options.db, options.scope.municipalityId, options.scope.providerId),
  );
  return items.filter((item) => item.digitalKeyId && own.has(item.digitalKeyId));
}
