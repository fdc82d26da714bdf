import { findEntity, updateEntity, type Row, type WriteValues } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import { forbidden, notFound } from '../platform/errors';
import type { FieldCrypto } from '../platform/secrets';
import { checkCandidate, sealIdentityNumber } from './registry-checks';
import { finishRegistryChange, type RegistryWriteOptions } from './registry-write';

/**
 * Changes the given fields of one row within the actor's scope: core's rules on the row as it
 * would be, the registry hooks, the audit entry; a change that would move the row out of the
 * actor's scope is refused with 403.
 */
export async function updateRegistryEntity(
  options: RegistryWriteOptions<{ id: string; values: WriteValues }> & { fieldCrypto: FieldCrypto },
): Promise<Row> {
  const { actor, entity } = options;
  const { id } = options.input;
  const scope = authorise(actor, entity.resource, 'update');
  const values: WriteValues = { ...options.input.values };
  sealIdentityNumber(options.fieldCrypto, values);
  return withAuditedTransaction(options, async (client, audit) => {
    const before = await findEntity(client, entity, scope, id, { isForUpdate: true });
    if (!before) throw notFound(entity.label);
    await checkCandidate(client, actor, entity, { ...before, ...values });
    await updateEntity(client, entity, scope.municipalityId, id, values);
    const after = await findEntity(client, entity, scope, id);
    if (!after) throw forbidden(`You may not move a ${entity.label} out of your scope.`);
    await finishRegistryChange(client, options, audit, { action: 'update', id, before, after });
    return after;
  });
}
