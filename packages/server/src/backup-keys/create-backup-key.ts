// Records a physical key a provider holds for a customer (R9.3): which door on their way in, how
// many copies, where kept. A work lead records only their own provider's keys, for customers it
// serves; the slot must exist and be free (409 slot_taken).
import { checkRecordedDay, findEntity as findEntityDefinition, localToday } from '@portvakt/core';
import type { BackupKeyDetail, CreateBackupKeyBody } from '@portvakt/contract';
import {
  findBackupKey,
  findEntity,
  insertBackupKey,
  isDoorOnCustomerPath,
  isProviderServingFrom,
} from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError, notFound, throwIfRefused } from '../platform/errors';
import { resolveProviderOfWrite } from '../platform/provider-of-write';
import { presentBackupKey } from './backup-key-presenter';
import { checkKeyPlace, slotTaken } from './key-storage-place';

const customerEntity = findEntityDefinition('customer');

export async function createBackupKey(options: WriteOptions<CreateBackupKeyBody>): Promise<BackupKeyDetail> {
  const { actor, input, now } = options;
  const scope = authorise(actor, 'backup_key', 'create');
  const providerId = resolveProviderOfWrite(
    scope.kind === 'provider' ? scope.providerId : undefined,
    input.providerId,
    {
      otherProvider: 'A work lead records only their own provider’s keys.',
      noneNamed: 'Say which provider holds the key.',
    },
  );
  const today = localToday(now);
  throwIfRefused(checkRecordedDay('receivedOn', input.receivedOn, today));
  const place = {
    keyCabinetId: input.keyCabinetId ?? null,
    slot: input.slot ?? null,
    safeName: input.safeName?.trim() || null,
  };
  return withAuditedTransaction(options, async (client, audit) => {
    if (!(await findEntity(client, customerEntity, scope, input.customerId)))
      throw notFound(customerEntity.label);
    if (!(await isProviderServingFrom(client, actor.municipalityId, input.customerId, providerId, today)))
      throw new ApiError(422, 'provider_not_serving', 'The provider does not serve the customer.', {
        field: 'providerId',
      });
    if (!(await isDoorOnCustomerPath(client, actor.municipalityId, input.customerId, input.doorId)))
      throw new ApiError(422, 'door_not_on_path', 'The door is not on the customer’s way in.', {
        field: 'doorId',
      });
    await checkKeyPlace(client, actor.municipalityId, providerId, place, scope.kind === 'municipality');
    const id = await insertBackupKey(client, {
      municipalityId: actor.municipalityId,
      customerId: input.customerId,
      providerId,
      doorId: input.doorId,
      copies: input.copies ?? 1,
      ...place,
      label: input.label?.trim() || null,
      receivedOn: input.receivedOn,
      createdBy: actor.label,
      createdAt: now,
    });
    if (!id) throw slotTaken();
    const made = presentBackupKey((await findBackupKey(client, scope, today, id))!);
    await audit({ action: 'create', entity: 'backup_key', entityId: id, after: made });
    return { ...made, receipts: [] };
  });
}
