import { randomBytes } from 'node:crypto';
import { systemValuesOnCreate } from '@portvakt/core';
import { findEntity, insertEntity, type Row, type WriteValues } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import { forbidden } from '../platform/errors';
import type { FieldCrypto } from '../platform/secrets';
import { presentWrittenRow } from './present-registry-rows';
import {
  checkCandidate,
  checkPermissionTimes,
  checkWrittenValues,
  refuseTakenSerial,
  sealIdentityNumber,
} from './registry-checks';
import { finishRegistryChange, type RegistryWriteOptions } from './registry-write';

/**
 * Creates a row: the system's own values, the identity number sealed, core's rules checked, the
 * registry hooks run and the change audited, all in one transaction. The new row must fall
 * inside the scope the actor may create in (e.g. their own provider), else 403.
 */
export async function createRegistryEntity(
  options: RegistryWriteOptions<WriteValues> & { fieldCrypto: FieldCrypto },
): Promise<Row> {
  const { actor, entity } = options;
  // One clock reading for the start it stamps and the rules it checks.
  const now = options.now ?? new Date();
  const scope = authorise(actor, entity.resource, 'create');
  // Devices carry this random pseudonym instead of the staff member's name.
  const system: WriteValues =
    entity.resource === 'staff_member'
      ? { pseudonym: `ps-${randomBytes(8).toString('hex')}` }
      : systemValuesOnCreate(entity, { actorLabel: actor.label, now });
  const values: WriteValues = { ...system, ...options.input };
  sealIdentityNumber(options.fieldCrypto, values);
  checkWrittenValues(entity, undefined, values);
  return withAuditedTransaction(options, async (client, audit) => {
    await checkCandidate(client, actor, entity, values, now);
    checkPermissionTimes(entity, undefined, values, now);
    await refuseTakenSerial(client, actor, entity, { values });
    const id = await insertEntity(client, entity, actor.municipalityId, values);
    const row = await findEntity(client, entity, scope, id);
    if (!row) throw forbidden(`You may not create a ${entity.label} there.`);
    await finishRegistryChange(client, options, audit, { action: 'create', id, after: row });
    return presentWrittenRow(client, actor, entity, row);
  });
}
