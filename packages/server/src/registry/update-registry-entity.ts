import type { Row, WriteValues } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { FieldCrypto } from '../platform/secrets';
import { presentWrittenRow } from './present-registry-rows';
import { sealIdentityNumber } from './registry-checks';
import { updateRegistryRow, type RegistryWriteOptions } from './registry-write';

/**
 * Changes the given fields of one row within the actor's scope: core's rules on the row as it
 * would be, the registry hooks, the audit entry; a change that would move the row out of the
 * actor's scope is refused with 403. The answer is the row as a read of it answers.
 */
export async function updateRegistryEntity(
  options: RegistryWriteOptions<{ id: string; values: WriteValues }> & { fieldCrypto: FieldCrypto },
): Promise<Row> {
  const { id } = options.input;
  const scope = authorise(options.actor, options.entity.resource, 'update');
  const values: WriteValues = { ...options.input.values };
  sealIdentityNumber(options.fieldCrypto, values);
  return withAuditedTransaction(options, async (client, audit) =>
    presentWrittenRow(
      client,
      options.actor,
      options.entity,
      await updateRegistryRow(client, options, audit, { scope, id, values }),
    ),
  );
}
