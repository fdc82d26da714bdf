import type { PasskeyCeremony } from '@portvakt/contract';
import { findUser } from '@portvakt/storage';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { startRegistrationCeremony } from './passkey-ceremony';
import { requirePersonActor } from './passkey-list';
import type { RelyingParty } from './passkey-relying-party';

/** Starts registering another passkey for the signed-in person. */
export async function startPasskeyRegistration({
  db,
  actor,
  relyingParty,
}: ReadOptions<unknown> & { relyingParty: RelyingParty }): Promise<PasskeyCeremony> {
  const person = requirePersonActor(actor);
  const user = await findUser(db, person.municipalityId, person.id);
  if (!user) throw notFound('user');
  return startRegistrationCeremony(db, relyingParty, user, 'register');
}
