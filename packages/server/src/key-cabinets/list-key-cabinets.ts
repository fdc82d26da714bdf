import type { KeyCabinetList } from '@portvakt/contract';
import type { Scope } from '@portvakt/core';
import { listKeyCabinets as readKeyCabinets } from '@portvakt/storage';
import type { ReadOptions } from '../platform/context';
import { providerOfScope, readKeyOutLimitMinutes } from './key-cabinet-access';

/** The cabinets in the actor's scope (a work lead: their provider's), with keys held, out and overdue. */
export async function listKeyCabinets({
  db,
  actor,
  scope,
  input,
  now,
}: ReadOptions<{ isRetiredIncluded?: boolean | undefined }> & {
  scope: Scope;
  now: Date;
}): Promise<KeyCabinetList> {
  const items = await readKeyCabinets(db, {
    municipalityId: actor.municipalityId,
    providerId: providerOfScope(scope),
    isRetiredIncluded: input.isRetiredIncluded,
    now,
    keyOutLimitMinutes: await readKeyOutLimitMinutes(db, actor.municipalityId),
  });
  return { items };
}
