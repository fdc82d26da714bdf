import { checkNewUserLinks, checkPasswordStrength, checkUserChange } from '@portvakt/core';
import { deleteUserSessions, findUser, updateUser as writeUser, type PublicUser } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { UseCaseOptions } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import { findLinkedRow } from './linked-row';
import { hashPassword } from './passwords';

export interface UserChangeInput {
  displayName?: string;
  isDisabled?: boolean;
  /** A new password set by an administrator (a reset): the user's sessions end. */
  password?: string;
  /** Installers only: the locksmith company the account works for, or null for none. */
  locksmithCompanyId?: string | null;
}

/** An administrator renames, disables or resets the password of a user account. */
export async function updateUser(
  options: UseCaseOptions<{ id: string; change: UserChangeInput }>,
): Promise<PublicUser> {
  const { actor, input } = options;
  const { id, change } = input;
  if (change.password) {
    const weakness = checkPasswordStrength(change.password);
    if (weakness) throw new ApiError(400, 'weak_password', weakness);
  }
  const refusal = checkUserChange(actor.id, id, change);
  if (refusal) throw new ApiError(422, refusal.code, refusal.message);
  const passwordHash = change.password ? await hashPassword(change.password) : undefined;
  return withAuditedTransaction(options, async (client, audit) => {
    const before = await findUser(client, actor.municipalityId, id);
    if (!before) throw notFound('user');
    if (change.locksmithCompanyId) {
      const refusal = checkNewUserLinks({ role: before.role, locksmithCompanyId: change.locksmithCompanyId });
      if (refusal) throw new ApiError(422, refusal.code, refusal.message);
      await findLinkedRow(client, actor, 'locksmith_company', change.locksmithCompanyId);
    }
    await writeUser(client, actor.municipalityId, id, {
      displayName: change.displayName,
      isDisabled: change.isDisabled,
      passwordHash,
      locksmithCompanyId: change.locksmithCompanyId,
    });
    if (change.isDisabled || passwordHash) await deleteUserSessions(client, actor.municipalityId, id);
    const after = (await findUser(client, actor.municipalityId, id))!;
    await audit({
      action: passwordHash ? 'reset_password' : 'update',
      entity: 'user_account',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
