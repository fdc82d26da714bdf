import { checkPasskeyReset } from '@portvakt/core';
import { deleteUserPasskeys, deleteUserSessions, findUser } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { UseCaseOptions } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';

/**
 * An administrator removes every passkey of another account of the municipality, with a reason
 * (a lost or stolen device): the account's sessions end, and it registers again through the
 * enrolment step its password opens (docs/sign-in.md "Passkeys"). Audited with the reason.
 */
export async function resetPasskeys(
  options: UseCaseOptions<{ id: string; reason: string }>,
): Promise<{ removed: number }> {
  const { actor, input } = options;
  const refusal = checkPasskeyReset(actor.id, input.id, input.reason);
  if (refusal) throw new ApiError(422, refusal.code, refusal.message);
  return withAuditedTransaction(options, async (client, audit) => {
    const user = await findUser(client, actor.municipalityId, input.id);
    if (!user) throw notFound('user');
    const removed = await deleteUserPasskeys(client, user.municipalityId, user.id);
    await deleteUserSessions(client, user.municipalityId, user.id);
    await audit({
      action: 'reset_passkeys',
      entity: 'user_account',
      entityId: user.id,
      before: { passkeys: removed },
      after: { reason: input.reason.trim(), removed: removed.length },
    });
    return { removed: removed.length };
  });
}
