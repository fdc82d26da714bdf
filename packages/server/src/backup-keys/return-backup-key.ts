// Registers a key's return to the customer (R8.3). A key out of its cabinet, or with a take
// authorised and not yet used, is not returned (409 key_already_out), answered before readiness:
// the physical fact holds whatever the customer's readiness. Then only when the customer is ready
// on the day of the return (409 not_ready_for_return with what is missing, nothing changed). The
// key becomes returned, its cabinet slot is free (the slot index covers held keys only), a
// `returned` receipt is recorded with who received it and the witness, and the change is audited.
import { checkNotBeforeReceived, checkRecordedDay, localToday } from '@portvakt/core';
import type { BackupKeyDetail, ReturnBackupKeyBody } from '@portvakt/contract';
import { insertKeyReceipt, markBackupKeyReturned, readReadinessFacts } from '@portvakt/storage';
import { releaseKeyFromTakes } from '../key-cabinets';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError, throwIfRefused } from '../platform/errors';
import { judgeReadiness } from './judge-readiness';
import { changeHeldKey, versionConflict } from './update-backup-key';

export async function returnBackupKey(
  options: WriteOptions<{ id: string; return: ReturnBackupKeyBody }>,
): Promise<BackupKeyDetail> {
  const { actor, input, now } = options;
  // Registering a return is a readiness decision: the grant of key_return_readiness (a work lead
  // for their provider, the municipality for all), within the key's own scope.
  const scope = authorise(actor, 'key_return_readiness', 'create');
  const today = localToday(now);
  const body = input.return;
  throwIfRefused(checkRecordedDay('returnedOn', body.returnedOn, today));
  const key = {
    scope,
    // The answer shows the key whole, as the municipality sees it.
    readScope: { kind: 'municipality', municipalityId: actor.municipalityId },
    version: body.version,
    action: 'return',
  } as const;
  return changeHeldKey(options, key, async (client, before, audit) => {
    throwIfRefused(checkNotBeforeReceived('returnedOn', body.returnedOn, before.receivedOn));
    // Where the key is comes first: a key out of its cabinet cannot be handed back whatever the
    // customer's readiness (a lapsed take it cancels is undone with the rest if not ready).
    await releaseKeyFromTakes(
      client,
      audit,
      { municipalityId: before.municipalityId, backupKeyId: before.id },
      now,
    );
    const facts = await readReadinessFacts(client, scope, { customerId: before.customerId }, body.returnedOn);
    const [readiness] = judgeReadiness(facts, scope, body.returnedOn);
    if (!readiness?.isReady)
      throw new ApiError(
        409,
        'not_ready_for_return',
        'The customer is not ready for their keys to go back.',
        {
          missing: readiness?.missing ?? [],
        },
      );
    if (!(await markBackupKeyReturned(client, before.municipalityId, before.id, body.version, body)))
      throw versionConflict();
    await insertKeyReceipt(client, {
      municipalityId: before.municipalityId,
      backupKeyId: before.id,
      kind: 'returned',
      signedOn: body.returnedOn,
      signedBy: body.returnedTo.trim(),
      witnessedBy: body.witnessedBy.trim(),
      document: null,
      documentType: null,
      recordedBy: actor.label,
      recordedAt: now,
    });
  });
}
