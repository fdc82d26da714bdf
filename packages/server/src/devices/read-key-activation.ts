import {
  findEntity as findEntityDefinition,
  isKeyActivatedNow,
  shiftHoursOf,
  type Scope,
} from '@portvakt/core';
import {
  findEntity,
  findMunicipality,
  readKeyActivationState,
  type KeyActivationState,
  type Queryable,
} from '@portvakt/storage';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';

const keyEntity = findEntityDefinition('digital_key');

/**
 * A key's activation state: enrolled, PIN set or locked, last activation, ticket expiry; whether
 * it is activated at `now`, the issuer's clock (`readClock`) its activation and ticket come from.
 */
export async function readKeyActivation(
  options: ReadOptions<{ keyId: string }, Queryable> & { scope: Scope; now: Date },
): Promise<KeyActivationState & { isActivatedNow: boolean }> {
  const key = await findEntity(options.db, keyEntity, options.scope, options.input.keyId);
  if (!key) throw notFound('digital key');
  const state = await readKeyActivationState(options.db, {
    municipalityId: options.actor.municipalityId,
    digitalKeyId: options.input.keyId,
  });
  const municipality = await findMunicipality(options.db, options.actor.municipalityId);
  const isActivatedNow = isKeyActivatedNow(
    { status: key.status as string, ...state },
    shiftHoursOf(municipality?.settings),
    options.now.getTime(),
  );
  return { ...state, isActivatedNow };
}
