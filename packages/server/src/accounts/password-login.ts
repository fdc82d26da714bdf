// One password check for every way a person logs in (web console and phone app), so throttling,
// lockout, failure audit and the timing of unknown accounts cannot differ between the two.
import {
  appendAudit,
  clearThrottle,
  findUserByUsername,
  returnThrottleAttempt,
  takeThrottleAttempt,
  type Queryable,
  type UserRecord,
} from '@portvakt/storage';
import { dummyPasswordHash, verifyPassword } from './passwords';

// Five wrong passwords within 15 minutes lock the account name for 15 minutes: slow enough to
// stop guessing, short enough not to lock out a shift. A client address gets more room, since a
// whole office may sit behind one address, but still stops spraying guesses across accounts.
export const userThrottle = { windowSeconds: 15 * 60, maxAttempts: 5, lockSeconds: 15 * 60 };
export const addressThrottle = { windowSeconds: 15 * 60, maxAttempts: 50, lockSeconds: 15 * 60 };

export interface PasswordLoginAttempt {
  username: string;
  password: string;
  /** The client's address, throttled on its own besides the account name. */
  address: string;
  requestId: string;
  /** Where the login came from; kept in the audit entry of a failure. */
  channel: 'web' | 'phone';
  /**
   * Further conditions on a user whose password is right (a phone logs in only its holder). A
   * user who fails them counts as a failed login, indistinguishable from a wrong password.
   */
  isAcceptable?: (user: UserRecord) => boolean;
  /** Extra facts for the failure's audit entry (e.g. which phone). */
  auditDetails?: Record<string, unknown>;
}

export type PasswordLoginResult =
  { kind: 'accepted'; user: UserRecord } | { kind: 'locked'; lockedUntil: Date } | { kind: 'refused' };

/** Verifies a password against a stored hash; a parameter only so tests can see which hash was used. */
export type PasswordVerifier = (password: string, storedHash: string) => Promise<boolean>;

/**
 * Throttles, then checks the password, then audits a failure. An unknown account name is
 * checked against a dummy hash, so it costs the same scrypt run as a real one and its answer
 * time does not reveal which accounts exist.
 */
export async function checkPasswordLogin(
  db: Queryable,
  attempt: PasswordLoginAttempt,
  verify: PasswordVerifier = verifyPassword,
): Promise<PasswordLoginResult> {
  const userKey = `user:${attempt.username.toLowerCase()}`;
  const addressKey = `ip:${attempt.address}`;
  // Count the attempt before checking the password: parallel guesses each use up budget.
  const byUser = await takeThrottleAttempt(db, userKey, userThrottle);
  const byAddress = await takeThrottleAttempt(db, addressKey, addressThrottle);
  const lockedUntil = [byUser, byAddress].find((state) => !state.isAllowed)?.lockedUntil;
  if (lockedUntil) return { kind: 'locked', lockedUntil };
  const user = await findUserByUsername(db, attempt.username);
  const isValid = await verify(attempt.password, user?.passwordHash ?? (await dummyPasswordHash));
  if (!user || !isValid || user.isDisabled || (attempt.isAcceptable && !attempt.isAcceptable(user))) {
    await appendAudit(db, {
      municipalityId: user?.municipalityId ?? null,
      actorUserId: user?.id ?? null,
      actorLabel: attempt.username.toLowerCase().slice(0, 100),
      action: 'login_failed',
      entity: 'user_session',
      after: { channel: attempt.channel, ...attempt.auditDetails },
      requestId: attempt.requestId,
    });
    return { kind: 'refused' };
  }
  // The account's own count is forgiven; the address only gets this one attempt back.
  await clearThrottle(db, userKey);
  await returnThrottleAttempt(db, addressKey);
  return { kind: 'accepted', user };
}
