import { sessionExpiresAt } from '@portvakt/core';
import { insertSession, type Queryable, type UserRecord } from '@portvakt/storage';
import { recordChange } from '../audit';
import { actorFromUser, createSecret, hashSecret } from './auth';
import { judgeStepAfterPassword } from './passkey-enrolment';
import { checkPasswordLogin } from './password-login';

export interface LogInInput {
  username: string;
  password: string;
  /** The client's address, throttled besides the account name. */
  address: string;
}

export type LogInResult =
  | { kind: 'locked'; lockedUntil: Date }
  | { kind: 'refused' }
  // Passkeys required of the role (docs/sign-in.md "Passkeys"): the password alone opens no session.
  | { kind: 'passkey_required' }
  | { kind: 'passkey_enrolment'; enrolmentToken: string }
  | {
      kind: 'accepted';
      user: Omit<UserRecord, 'passwordHash' | 'isDisabled'>;
      /** The session cookie's value and the CSRF token: shown once, stored only as hashes. */
      sessionId: string;
      csrfToken: string;
    };

/** Web console login: checks the password (throttled, failures audited), then opens a session. */
export async function logIn({
  db,
  input,
  requestId,
}: {
  db: Queryable;
  input: LogInInput;
  requestId: string;
}): Promise<LogInResult> {
  const result = await checkPasswordLogin(db, { ...input, requestId, channel: 'web' });
  if (result.kind !== 'accepted') return result;
  const user = result.user;
  const step = await judgeStepAfterPassword(db, user, requestId);
  if (step.kind !== 'session') return step;
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
    requestId,
  });
  const { passwordHash: _hash, isDisabled: _disabled, ...me } = user;
  return { kind: 'accepted', user: me, sessionId, csrfToken };
}
