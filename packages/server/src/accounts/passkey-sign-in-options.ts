import type { PasskeyCeremony } from '@portvakt/contract';
import { findUserByUsername, type Queryable } from '@portvakt/storage';
import { startSignInCeremony } from './passkey-ceremony';
import type { RelyingParty } from './passkey-relying-party';

/** Starts signing in with a passkey, username-less or after the username (public: no one is signed in). */
export async function startPasskeySignIn({
  db,
  relyingParty,
  input,
}: {
  db: Queryable;
  relyingParty: RelyingParty;
  input: { username?: string };
}): Promise<PasskeyCeremony> {
  const user = input.username ? await findUserByUsername(db, input.username) : undefined;
  return startSignInCeremony(db, relyingParty, user && !user.isDisabled ? user : undefined);
}
