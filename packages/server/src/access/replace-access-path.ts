import { checkAccessPath, findEntity as findEntityDefinition, type Actor, type Scope } from '@portvakt/core';
import {
  findEntity,
  readAccessPath,
  replaceAccessPath as replacePath,
  withTransaction,
} from '@portvakt/storage';
import type pg from 'pg';
import { recordChange } from '../audit';
import { ApiError, notFound, ruleCode } from '../platform/errors';
import { applyLockTriggers } from '../work-orders';

const customerEntity = findEntityDefinition('customer');
const doorEntity = findEntityDefinition('door');

/**
 * Replaces the doors on the way in to a customer, in order (R3.4), after core's access-path
 * rules; audited with the door ids before and after. `scope`: the access_path update scope.
 */
export async function replaceAccessPath({
  db,
  actor,
  scope,
  input,
  requestId,
  now = new Date(),
}: {
  db: pg.Pool;
  actor: Actor;
  scope: Scope;
  input: { customerId: string; doorIds: string[] };
  requestId: string;
  /** The request's clock (the lock triggers judge what is current by it). */
  now?: Date;
}) {
  const { customerId: id, doorIds } = input;
  return withTransaction(db, async (client) => {
    const customer = await findEntity(client, customerEntity, scope, id, { isForUpdate: true });
    if (!customer) throw notFound('customer');
    const doors = [];
    for (const doorId of doorIds) {
      const door = await findEntity(
        client,
        doorEntity,
        { kind: 'municipality', municipalityId: actor.municipalityId },
        doorId,
      );
      if (!door)
        throw new ApiError(422, 'unknown_reference', `No door with id ${doorId}.`, { field: 'doorIds' });
      doors.push({ id: doorId, kind: door.kind as string, propertyId: door.propertyId as string });
    }
    const violations = checkAccessPath(doors, {
      apartmentDoorId: (customer.apartmentDoorId as string | null) ?? null,
      residencePropertyId: (customer.residencePropertyId as string | null) ?? null,
      hasRefusedLock: customer.hasRefusedLock as boolean,
    });
    if (violations.length > 0)
      throw new ApiError(422, ruleCode(violations[0]!.code), violations[0]!.message, violations);
    const before = await readAccessPath(client, scope.municipalityId, id);
    await replacePath(client, scope.municipalityId, id, doorIds);
    const after = await readAccessPath(client, scope.municipalityId, id);
    await recordChange(client, actor, {
      action: 'update',
      entity: 'access_path',
      entityId: id,
      before: before.map((step) => step.doorId),
      after: after.map((step) => step.doorId),
      requestId,
    });
    // A served customer's new doors need locks as much as a new service's do.
    await applyLockTriggers(client, actor, {
      resource: 'access_path',
      before: undefined,
      after: customer,
      requestId,
      now,
    });
    return { customerId: id, doors: after };
  });
}
