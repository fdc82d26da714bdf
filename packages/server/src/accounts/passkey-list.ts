import type { PasskeyList } from '@portvakt/contract';
import { isPasskeyRequired, readPasskeySettings, type Actor, type Role } from '@portvakt/core';
import { findUser, listPasskeys, type Queryable } from '@portvakt/storage';
import type { ReadOptions } from '../platform/context';
import { forbidden, notFound } from '../platform/errors';
import { readMunicipalitySettings } from '../platform/municipality-settings';

/** Passkeys are a person's: an API token has none and may not manage any of its own. */
export function requirePersonActor(actor: Actor): Actor {
  if (actor.kind !== 'user') throw forbidden('API tokens have no passkeys.');
  return actor;
}

/** Whether the municipality requires a passkey of an account of `role`. */
export async function readIsPasskeyRequired(
  db: Queryable,
  municipalityId: string,
  role: Role,
): Promise<boolean> {
  const settings = readPasskeySettings(await readMunicipalitySettings(db, municipalityId));
  return isPasskeyRequired(role, settings);
}

/** The signed-in person's own passkeys. */
export async function listOwnPasskeys({ db, actor }: ReadOptions<unknown>): Promise<PasskeyList> {
  const person = requirePersonActor(actor);
  return {
    items: await listPasskeys(db, person.municipalityId, person.id),
    isRequired: await readIsPasskeyRequired(db, person.municipalityId, person.role),
  };
}

/** An administrator reads another account's passkeys (names and dates only), within the municipality. */
export async function listUserPasskeys({
  db,
  actor,
  input,
}: ReadOptions<{ id: string }>): Promise<PasskeyList> {
  const user = await findUser(db, actor.municipalityId, input.id);
  if (!user) throw notFound('user');
  return {
    items: await listPasskeys(db, user.municipalityId, user.id),
    isRequired: await readIsPasskeyRequired(db, user.municipalityId, user.role),
  };
}
