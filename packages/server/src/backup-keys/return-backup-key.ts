// Registers a key's return to the customer (R8.3): only when the customer is ready on the day of
// the return (409 not_ready_for_return with what is missing, nothing changed). The key becomes
// returned, its cabinet slot is free (the slot index covers held keys only), a `returned` receipt
// is recorded with who received it and the witness, and the change is audited.
import { checkRecordedDay, localToday } from '@portvakt/core';
import type { BackupKeyDetail, ReturnBackupKeyBody } from '@portvakt/contract';
import {
  findBackupKey,
  insertKeyReceipt,
  listKeyReceipts,
  markBackupKeyReturned,
  readReadinessFacts,
  withTransaction,
} from '@portvakt/storage';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import type { UseCaseOptions } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import { presentBackupKey, presentKeyReceipt } from './backup-key-presenter';
import { judgeReadiness } from './judge-readiness';
import { keyReturned, versionConflict } from './update-backup-key';

export async function returnBackupKey({
  db,
  actor,
  input,
  requestId,
  now,
}: UseCaseOptions<{ id: string; return: ReturnBackupKeyBody }> & { now: Date }): Promise<BackupKeyDetail> {
  // Registering a return is a readiness decision: the grant of key_return_readiness (a work lead
  // for their provider, the municipality for all), within the key's own scope.
  const scope = authorise(actor, 'key_return_readiness', 'create');
  const today = localToday(now);
  const body = input.return;
  const tooLate = checkRecordedDay('returnedOn', body.returnedOn, today);
  if (tooLate) throw new ApiError(422, tooLate.code, tooLate.message, { field: tooLate.field });
  return withTransaction(db, async (client) => {
    const before = await findBackupKey(client, scope, today, input.id, { forUpdate: true });
    if (!before) throw notFound('backup key');
    if (before.status === 'returned') throw keyReturned();
    if (before.version !== body.version) throw versionConflict();
    if (body.returnedOn < before.receivedOn)
      throw new ApiError(422, 'returned_before_received', 'A key goes back after it was received.', {
        field: 'returnedOn',
      });
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
    if (!(await markBackupKeyReturned(client, before.id, body.version, body))) throw versionConflict();
    await insertKeyReceipt(client, {
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
    const after = presentBackupKey(
      (await findBackupKey(
        client,
        { kind: 'municipality', municipalityId: actor.municipalityId },
        today,
        before.id,
      ))!,
    );
    await recordChange(client, actor, {
      action: 'return',
      entity: 'backup_key',
      entityId: before.id,
      before: presentBackupKey(before),
      after,
      requestId,
    });
    return { ...after, receipts: (await listKeyReceipts(client, before.id)).map(presentKeyReceipt) };
  });
}
