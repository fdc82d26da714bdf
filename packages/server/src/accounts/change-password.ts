import { checkPasswordStrength } from '@portvakt/core';
import {
  clearThrottle,
  deleteUserSessions,
  findUserByUsername,
  takeThrottleAttempt,
  updateUser,
} from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { UseCaseOptions } from '../platform/context';
import { ApiError, forbidden } from '../platform/errors';
import { userThrottle } from './password-login';
import { hashPassword, verifyPassword } from './passwords';

export type ChangePasswordResult = { kind: 'changed' } | { kind: 'locked'; lockedUntil: Date };

/** A user changes their own password, proving the current one; all their sessions end. */
export async function changePassword(
  options: UseCaseOptions<{ currentPassword: string; newPassword: string }>,
): Promise<ChangePasswordResult> {
  const { db, actor, input } = options;
  if (actor.kind !== 'user') throw forbidden('API tokens have no password.');
  // A stolen session must not become a way to guess the password.
  const throttleKey = `password:${actor.id}`;
  const attempt = await takeThrottleAttempt(db, throttleKey, userThrottle);
  if (!attempt.isAllowed) return { kind: 'locked', lockedUntil: attempt.lockedUntil! };
  const user = await findUserByUsername(db, actor.label);
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new ApiError(400, 'wrong_password', 'The current password is wrong.');
  }
  await clearThrottle(db, throttleKey);
  const weakness = checkPasswordStrength(input.newPassword);
  if (weakness) throw new ApiError(400, 'weak_password', weakness);
  if (input.newPassword === input.currentPassword)
    throw new ApiError(400, 'same_password', 'Choose a password you have not used now.');
  const passwordHash = await hashPassword(input.newPassword);
  // One transaction: a new password whose other sessions lived on (a thief's among them) or that
  // left no audit entry would be worse than none.
  await withAuditedTransaction(options, async (client, audit) => {
    await updateUser(client, user.municipalityId, user.id, { passwordHash });
    await deleteUserSessions(client, user.municipalityId, user.id);
    await audit({ action: 'change_password', entity: 'user_account', entityId: user.id });
  });
  return { kind: 'changed' };
}
