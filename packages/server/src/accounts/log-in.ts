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
  const step = await judgeStepAfterPassword(db, result.user, requestId);
  if (step.kind !== 'session') return step;
  return { kind: 'accepted', ...(await openSession(db, result.user, { requestId })) };
}

export interface OpenedSession {
  user: Omit<UserRecord, 'passwordHash' | 'isDisabled'>;
  sessionId: string;
  csrfToken: string;
}

/**
 * Opens a console session for a user whose identity is proven (password, or the municipality's
 * identity provider in oidc-login.ts) and audits the login; every way in makes the same session.
 */
export async function openSession(
  db: Queryable,
  user: UserRecord,
  { requestId, auditDetails }: { requestId: string; auditDetails?: Record<string, unknown> },
): Promise<OpenedSession> {
  const sessionId = createSecret();
  const csrfToken = createSecret();
  await insertSession(db, {
    municipalityId: user.municipalityId,
    idHash: hashSecret(sessionId),
    userId: user.id,
    csrfTokenHash: hashSecret(csrfToken),
    expiresAt: sessionExpiresAt(Date.now()),
  });
  await recordChange(db, actorFromUser(user), {
    action: 'login',
    entity: 'user_session',
    entityId: user.id,
    ...(auditDetails ? { after: auditDetails } : {}),
    requestId,
  });
  const { passwordHash: _hash, isDisabled: _disabled, ...me } = user;
  return { user: me, sessionId, csrfToken };
}
