// The session a passkey sign-in or a finished enrolment step opens: the same session, cookies and
// audit entry as a password login (log-in.ts), so nothing after it can tell them apart but the
// audit entry's method.
import { sessionExpiresAt } from '@portvakt/core';
import { insertSession, type Queryable, type UserRecord } from '@portvakt/storage';
import { recordChange } from '../audit';
import { actorFromUser, createSecret, hashSecret } from './auth';

export interface OpenedSession {
  user: Omit<UserRecord, 'passwordHash' | 'isDisabled'>;
  sessionId: string;
  csrfToken: string;
}

/** Opens a session for `user`, signed in `method`, and audits the login. */
export async function openPasskeySession(
  db: Queryable,
  user: UserRecord,
  { requestId, method }: { requestId: string; method: 'passkey' | 'passkey_enrolment' },
): Promise<OpenedSession> {
  const sessionId = createSecret();
  const csrfToken = createSecret();
  await insertSession(db, {
    idHash: hashSecret(sessionId),
    userId: user.id,
    csrfTokenHash: hashSecret(csrfToken),
    expiresAt: sessionExpiresAt(Date.now()),
  });
  await recordChange(db, actorFromUser(user), {
    action: 'login',
    entity: 'user_session',
    entityId: user.id,
    after: { method },
    requestId,
  });
  const { passwordHash: _hash, isDisabled: _disabled, ...me } = user;
  return { user: me, sessionId, csrfToken };
}
