import type { KeyCabinetTake } from '@portvakt/contract';
import type { Scope } from '@portvakt/core';
import { findTake, lockKeyCabinet } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { WriteOptions } from '../platform/context';
import { ApiError, forbidden, notFound } from '../platform/errors';
import { providerOfScope, readKeyOutLimitMinutes } from './key-cabinet-access';
import { presentTake } from './key-cabinet-presenter';
import { cancelAuditedTake } from './release-key-takes';

/**
 * Withdraws a take authorised and not yet used (docs/key-cabinets.md "Takes"): the plan changed,
 * or the key must go back to the customer now rather than when the authorisation lapses. Staff
 * withdraw their own, a work lead their provider's staff's, at their provider's cabinets; any
 * other take is 404 like an unknown one. A key already out is 409 key_already_out (the cabinet's
 * return record closes its take); a take returned, lapsed and cancelled, or withdrawn is 409
 * take_closed. Audited as the take's update, as a lapse cancelled with a key's change is.
 */
export async function withdrawKeyTake(
  options: WriteOptions<{ keyCabinetId: string; takeId: string }> & { scope: Scope },
): Promise<KeyCabinetTake> {
  const { actor, scope, input, now } = options;
  const providerId = providerOfScope(scope);
  if (!providerId) throw forbidden('Takes are withdrawn by a provider’s staff.');
  return withAuditedTransaction(options, async (client, audit) => {
    // The cabinet's lock orders this with a take being authorised in the same cabinet.
    const cabinet = await lockKeyCabinet(client, actor.municipalityId, input.keyCabinetId, providerId);
    const take = cabinet ? await findTake(client, actor.municipalityId, input.takeId) : undefined;
    const isOwn = scope.kind !== 'self' || take?.staffMemberId === scope.staffMemberId;
    if (!cabinet || !take || take.keyCabinetId !== cabinet.id || !isOwn) throw notFound('key cabinet take');
    if (take.takenAt && !take.returnedAt)
      throw new ApiError(
        409,
        'key_already_out',
        'The key is out of its cabinet: its take closes when the cabinet records the key back in.',
      );
    if (take.returnedAt || take.cancelledAt)
      throw new ApiError(409, 'take_closed', 'The take is already closed (returned, withdrawn or lapsed).');
    await cancelAuditedTake(
      client,
      audit,
      {
        municipalityId: actor.municipalityId,
        id: take.id,
        withdrawnBy: { label: actor.label, userId: actor.kind === 'user' ? actor.id : null },
      },
      now,
    );
    return presentTake(
      (await findTake(client, actor.municipalityId, take.id))!,
      now,
      await readKeyOutLimitMinutes(client, actor.municipalityId),
    );
  });
}
