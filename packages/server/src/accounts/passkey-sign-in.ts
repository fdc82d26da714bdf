// Signing in with a passkey: throttled and audited like a password (password-login.ts), so the
// two ways in cannot differ in how often they may be tried or in what the audit trail shows.
import {
  appendAudit,
  clearThrottle,
  findPasskeyWithUser,
  recordPasskeyUse,
  returnThrottleAttempt,
  takePasskeyChallenge,
  takeThrottleAttempt,
  type Queryable,
} from '@portvakt/storage';
import { verifyAssertion, type WebAuthnAnswer } from './passkey-ceremony';
import type { RelyingParty } from './passkey-relying-party';
import { openPasskeySession, type OpenedSession } from './passkey-session';
import { addressThrottle, userThrottle } from './password-login';

export type PasskeySignInResult =
  | { kind: 'locked'; lockedUntil: Date }
  | { kind: 'refused'; code: 'passkey_challenge_invalid' | 'passkey_refused' }
  | ({ kind: 'accepted' } & OpenedSession);

/**
 * Checks an assertion and opens a session. Refused: a challenge unknown, used or expired (taken
 * here whatever follows, so an answer can never be replayed); a credential no account has; one of
 * another account than the username the sign-in started with; a disabled account; a signature,
 * origin, RP id or user verification that does not verify; a counter that did not grow.
 */
export async function signInWithPasskey({
  db,
  relyingParty,
  input,
  requestId,
}: {
  db: Queryable;
  relyingParty: RelyingParty;
  input: { challengeId: string; response: WebAuthnAnswer; address: string };
  requestId: string;
}): Promise<PasskeySignInResult> {
  const addressKey = `ip:${input.address}`;
  const byAddress = await takeThrottleAttempt(db, addressKey, addressThrottle);
  if (!byAddress.isAllowed) return { kind: 'locked', lockedUntil: byAddress.lockedUntil! };
  const taken = await takePasskeyChallenge(db, input.challengeId, 'sign_in');
  const found = await findPasskeyWithUser(db, input.response.id);
  const refuse = async (code: 'passkey_challenge_invalid' | 'passkey_refused', reason: string) => {
    await appendAudit(db, {
      municipalityId: found?.user.municipalityId ?? null,
      actorUserId: found?.user.id ?? null,
      actorLabel: found?.user.username ?? 'passkey',
      action: 'login_failed',
      entity: 'user_session',
      after: { channel: 'passkey', reason },
      requestId,
    });
    return { kind: 'refused' as const, code };
  };
  if (!taken) return refuse('passkey_challenge_invalid', 'challenge unknown, used or expired');
  if (!found) return refuse('passkey_refused', 'unknown credential');
  const userKey = `user:${found.user.username}`;
  const byUser = await takeThrottleAttempt(db, userKey, userThrottle);
  if (!byUser.isAllowed) return { kind: 'locked', lockedUntil: byUser.lockedUntil! };
  if (taken.userId && taken.userId !== found.user.id)
    return refuse('passkey_refused', 'credential of another account');
  if (found.user.isDisabled) return refuse('passkey_refused', 'account disabled');
  const checked = await verifyAssertion(relyingParty, input.response, taken.challenge, found.passkey);
  if ('refusal' in checked) return refuse('passkey_refused', checked.refusal.slice(0, 200));
  const isRecorded = await recordPasskeyUse(db, {
    municipalityId: found.user.municipalityId,
    id: found.passkey.id,
    previousCount: found.passkey.signCount,
    newCount: checked.newCount,
    isBackedUp: checked.isBackedUp,
  });
  if (!isRecorded) return refuse('passkey_refused', 'counter changed meanwhile');
  await clearThrottle(db, userKey);
  await returnThrottleAttempt(db, addressKey);
  return {
    kind: 'accepted',
    ...(await openPasskeySession(db, found.user, { requestId, method: 'passkey' })),
  };
}
