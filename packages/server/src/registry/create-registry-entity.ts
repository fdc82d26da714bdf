import { randomBytes } from 'node:crypto';
import { systemValuesOnCreate, type Actor, type EntityDefinition } from '@portvakt/core';
import { findEntity, insertEntity, withTransaction, type Row, type WriteValues } from '@portvakt/storage';
import type pg from 'pg';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import { forbidden } from '../platform/errors';
import type { FieldCrypto } from '../platform/secrets';
import { checkCandidate, sealIdentityNumber } from './registry-checks';
import { applyRegistryHooks } from './registry-hooks';

/**
 * Creates a row: the system's own values, the identity number sealed, core's rules checked, the
 * registry hooks run and the change audited, all in one transaction. The new row must fall
 * inside the scope the actor may create in (e.g. their own provider), else 403.
 */
export async function createRegistryEntity(options: {
  db: pg.Pool;
  actor: Actor;
  entity: EntityDefinition;
  input: WriteValues;
  fieldCrypto: FieldCrypto;
  requestId: string;
  /** The request's clock (the lock triggers judge what is current by it). */
  now?: Date;
}): Promise<Row> {
  const { actor, entity, requestId } = options;
  const scope = authorise(actor, entity.resource, 'create');
  // Devices carry this random pseudonym instead of the staff member's name.
  const system: WriteValues =
    entity.resource === 'staff_member'
      ? { pseudonym: `ps-${randomBytes(8).toString('hex')}` }
      : systemValuesOnCreate(entity, { actorLabel: actor.label, now: new Date() });
  const values: WriteValues = { ...system, ...options.input };
  sealIdentityNumber(options.fieldCrypto, values);
  return withTransaction(options.db, async (client) => {
    await checkCandidate(client, actor, entity, values);
    const id = await insertEntity(client, entity, actor.municipalityId, values);
    const row = await findEntity(client, entity, scope, id);
    if (!row) throw forbidden(`You may not create a ${entity.label} there.`);
    await applyRegistryHooks(client, actor, entity, undefined, row, requestId, {
      ...(options.now ? { now: options.now } : {}),
    });
    await recordChange(client, actor, {
      action: 'create',
      entity: entity.resource,
      entityId: id,
      after: row,
      requestId,
    });
    return row;
  });
}
