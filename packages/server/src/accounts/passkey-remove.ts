import { checkPasskeyRemoval, readPasskeySettings } from '@portvakt/core';
import { countPasskeys, deletePasskey, lockUserAccount } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { UseCaseOptions } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import { readMunicipalitySettings } from '../platform/municipality-settings';
import { requirePersonActor } from './passkey-list';

/** Removes one of the signed-in person's own passkeys (another's is not found); audited. */
export async function removePasskey(options: UseCaseOptions<{ id: string }>): Promise<void> {
  const person = requirePersonActor(options.actor);
  await withAuditedTransaction(options, async (client, audit) => {
    // Counted under the account's lock: two removals at once would otherwise both count the same
    // passkeys and together remove the last one a required account keeps (docs/sign-in.md).
    await lockUserAccount(client, person.municipalityId, person.id);
    const settings = readPasskeySettings(await readMunicipalitySettings(client, person.municipalityId));
    const passkeyCount = (await countPasskeys(client, person.municipalityId, person.id)) ?? 0;
    const removed = await deletePasskey(client, person.municipalityId, person.id, options.input.id);
    if (!removed) throw notFound('passkey');
    const refusal = checkPasskeyRemoval({ role: person.role, passkeyCount, settings });
    if (refusal) throw new ApiError(422, refusal.code, refusal.message);
    await audit({
      action: 'remove_passkey',
      entity: 'user_account',
      entityId: person.id,
      before: { passkey: removed },
    });
  });
}
