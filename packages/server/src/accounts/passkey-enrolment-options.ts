import type { PasskeyCeremony } from '@portvakt/contract';
import type { Queryable } from '@portvakt/storage';
import { startRegistrationCeremony } from './passkey-ceremony';
import { readEnrolmentUser } from './passkey-enrolment';
import type { RelyingParty } from './passkey-relying-party';

/** Starts the enrolment step's registration (public: the enrolment cookie is the credential). */
export async function startPasskeyEnrolment({
  db,
  relyingParty,
  input,
}: {
  db: Queryable;
  relyingParty: RelyingParty;
  input: { enrolmentToken: string | undefined };
}): Promise<PasskeyCeremony> {
  const user = await readEnrolmentUser(db, input.enrolmentToken);
  return startRegistrationCeremony(db, relyingParty, user, 'enrol');
}
