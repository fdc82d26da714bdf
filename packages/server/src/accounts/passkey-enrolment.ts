// What a right password still opens when the municipality requires passkeys of the account's
// role (docs/sign-in.md "Passkeys"): nothing when the account has a passkey (it must use it), or
// the one-time enrolment step when it has none yet — the step that keeps a required setting from
// ever locking every administrator out. The step's token is a secret stored only as its hash.
import { judgePasswordOnlyLogin, passkeyEnrolmentSeconds, readPasskeySettings } from '@portvakt/core';
import {
  appendAudit,
  countPasskeys,
  findPasskeyEnrolmentUser,
  insertPasskeyEnrolment,
  type Queryable,
  type UserRecord,
} from '@portvakt/storage';
import { ApiError } from '../platform/errors';
import { readMunicipalitySettings } from '../platform/municipality-settings';
import { createSecret, hashSecret, isCanonicalSecret } from './auth';

export const passkeyEnrolmentCookie = 'portvakt_passkey_enrolment';
/** The enrolment cookie goes only to the enrolment step's routes. */
export const passkeyEnrolmentPath = '/api/v1/auth/passkey-enrolment';

export type PasswordStep =
  { kind: 'session' } | { kind: 'passkey_required' } | { kind: 'passkey_enrolment'; enrolmentToken: string };

/** How a password login goes on after the password was right. */
export async function judgeStepAfterPassword(
  db: Queryable,
  user: UserRecord,
  requestId: string,
): Promise<PasswordStep> {
  const settings = readPasskeySettings(await readMunicipalitySettings(db, user.municipalityId));
  const passkeyCount = (await countPasskeys(db, user.municipalityId, user.id)) ?? 0;
  const step = judgePasswordOnlyLogin({ role: user.role, passkeyCount, settings });
  if (step === 'session') return { kind: 'session' };
  await appendAudit(db, {
    municipalityId: user.municipalityId,
    actorUserId: user.id,
    actorLabel: user.username,
    action: 'login_failed',
    entity: 'user_session',
    after: {
      channel: 'web',
      reason: step === 'enrolment' ? 'passkey_enrolment_required' : 'passkey_required',
    },
    requestId,
  });
  if (step === 'passkey_required') return { kind: 'passkey_required' };
  const enrolmentToken = createSecret();
  await insertPasskeyEnrolment(db, {
    municipalityId: user.municipalityId,
    tokenHash: hashSecret(enrolmentToken),
    userId: user.id,
    seconds: passkeyEnrolmentSeconds,
  });
  return { kind: 'passkey_enrolment', enrolmentToken };
}

/** The account whose enrolment step the cookie's token opens; 401 when it is unknown or expired. */
export async function readEnrolmentUser(db: Queryable, token: string | undefined): Promise<UserRecord> {
  const user =
    token && isCanonicalSecret(token) ? await findPasskeyEnrolmentUser(db, hashSecret(token)) : undefined;
  if (!user || user.isDisabled)
    throw new ApiError(
      401,
      'passkey_enrolment_expired',
      'The step to register a passkey has ended; sign in with your password again.',
    );
  return user;
}
