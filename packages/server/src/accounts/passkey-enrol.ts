import type { PasskeyRegistration } from '@portvakt/contract';
import { deletePasskeyEnrolment, insertPasskey, withTransaction } from '@portvakt/storage';
import type pg from 'pg';
import { recordChange } from '../audit';
import { ApiError } from '../platform/errors';
import { actorFromUser, hashSecret } from './auth';
import { verifyRegistrationCeremony } from './passkey-ceremony';
import { readEnrolmentUser } from './passkey-enrolment';
import type { RelyingParty } from './passkey-relying-party';
import { openPasskeySession, type OpenedSession } from './passkey-session';

/**
 * Finishes the enrolment step: registers the account's first passkey, ends the step (it opens
 * once) and signs in with a session, all in one transaction and audited as the account's own.
 */
export async function enrolPasskey({
  db,
  relyingParty,
  input,
  requestId,
}: {
  db: pg.Pool;
  relyingParty: RelyingParty;
  input: PasskeyRegistration & { enrolmentToken: string | undefined };
  requestId: string;
}): Promise<OpenedSession> {
  const user = await readEnrolmentUser(db, input.enrolmentToken);
  const passkey = await verifyRegistrationCeremony(db, relyingParty, user, 'enrol', input);
  return withTransaction(db, async (client) => {
    if (!(await deletePasskeyEnrolment(client, user.municipalityId, hashSecret(input.enrolmentToken!))))
      throw new ApiError(401, 'passkey_enrolment_expired', 'The step to register a passkey has ended.');
    const row = await insertPasskey(client, passkey);
    await recordChange(client, actorFromUser(user), {
      action: 'register_passkey',
      entity: 'user_account',
      entityId: user.id,
      after: { passkey: row, via: 'enrolment' },
      requestId,
    });
    return openPasskeySession(client, user, { requestId, method: 'passkey_enrolment' });
  });
}
