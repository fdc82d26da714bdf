import type { RelativeInvitation } from '@portvakt/contract';
import { isAccountDisabledByWithdrawal } from '@portvakt/core';
import {
  disableRelativeAccount,
  findRelativeCustomerInScope,
  findRelativeInvitationForUpdate,
  markRelativeInvitationWithdrawn,
} from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import { presentRelativeInvitation } from './relative-presenter';

/**
 * Withdraws an invitation: before use the link stops working; after use the relative's account
 * is disabled and its sessions end (R4.4). Once withdrawn it stays so (409 invitation_withdrawn).
 * Only for the customer's work lead or the municipality: another's invitation is 404.
 */
export async function withdrawRelativeInvitation(
  options: WriteOptions<{ invitationId: string }>,
): Promise<RelativeInvitation> {
  const { actor, input, now } = options;
  const scope = authorise(actor, 'relative_invitation', 'update');
  return withAuditedTransaction(options, async (client, audit) => {
    const before = await findRelativeInvitationForUpdate(client, actor.municipalityId, input.invitationId);
    if (!before || !(await findRelativeCustomerInScope(client, scope, before.customerId)))
      throw notFound('invitation');
    if (before.withdrawnAt)
      throw new ApiError(409, 'invitation_withdrawn', 'This invitation has already been withdrawn.');
    await markRelativeInvitationWithdrawn(client, before.municipalityId, before.id, actor.label, now);
    if (isAccountDisabledByWithdrawal(before) && before.userId) {
      await disableRelativeAccount(client, before.municipalityId, before.userId);
      await audit({
        action: 'update',
        entity: 'user_account',
        entityId: before.userId,
        before: { isDisabled: false },
        after: { isDisabled: true, reason: 'relative_invitation_withdrawn' },
      });
    }
    const after = presentRelativeInvitation(
      (await findRelativeInvitationForUpdate(client, actor.municipalityId, before.id))!,
      now,
    );
    await audit({
      action: 'withdraw',
      entity: 'relative_invitation',
      entityId: before.id,
      before: presentRelativeInvitation(before, now),
      after,
    });
    return after;
  });
}
