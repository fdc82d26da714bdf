import type { NewWorkOrderBody, WorkOrderDetail } from '@portvakt/contract';
import { awaitedConsentForOrder, findEntity as findEntityDefinition, type DoorKind } from '@portvakt/core';
import {
  findEntity,
  findInstalledLockOnDoor,
  findOpenMoveOntoDoor,
  insertWorkOrders,
  type Queryable,
} from '@portvakt/storage';
import { auditWithDetail, withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError, invalidRequest } from '../platform/errors';
import { readOrderDetail } from './work-order-access';

const doorEntity = findEntityDefinition('door');
const customerEntity = findEntityDefinition('customer');
const lockEntity = findEntityDefinition('lock_device');

/**
 * The lock an order is about. An install's is the one it will put on (any named, else none yet);
 * every other kind works on the lock on the door, so a lock named must be the one installed there
 * (422 lock_not_on_door) and none named means that one: a battery order's change is then recorded
 * on it when the order is done.
 */
async function findOrderLock(
  db: Queryable,
  municipalityId: string,
  input: Pick<NewWorkOrderBody, 'kind' | 'doorId' | 'lockDeviceId'>,
): Promise<string | null> {
  if (input.kind === 'install') return input.lockDeviceId ?? null;
  const onDoor = (await findInstalledLockOnDoor(db, municipalityId, input.doorId)) ?? null;
  if (input.lockDeviceId && input.lockDeviceId !== onDoor)
    throw new ApiError(
      422,
      'lock_not_on_door',
      'The lock named is not the one installed on the order’s door.',
      {
        field: 'lockDeviceId',
      },
    );
  return onDoor;
}

/**
 * Why insertWorkOrders made no order: an open order of the kind on the door, or, for an install,
 * an open move that brings a lock to the door (`details.openMove` names it, so a client can say so).
 */
async function alreadyOpen(
  db: Queryable,
  municipalityId: string,
  input: Pick<NewWorkOrderBody, 'kind' | 'doorId'>,
): Promise<ApiError> {
  const move =
    input.kind === 'install' ? await findOpenMoveOntoDoor(db, municipalityId, input.doorId) : undefined;
  if (move)
    return new ApiError(
      409,
      'already_exists',
      `An open move (${move.reference}) brings a lock to the door.`,
      {
        field: 'doorId',
        openMove: { id: move.id, reference: move.reference },
      },
    );
  return new ApiError(409, 'already_exists', `The door already has an open ${input.kind} order.`);
}

/**
 * A planner makes an order by hand (origin manual). An install waits for the consent its door
 * needs (the customer's at their own door, the owner's at a shared one, R6.2, R7.1); a move
 * names the door the lock goes to, another than its own (422 same_door). A door with an open
 * order of the same kind gets no second one, nor an install beside an open move onto it: 409
 * already_exists.
 */
export async function createWorkOrder(options: WriteOptions<NewWorkOrderBody>): Promise<WorkOrderDetail> {
  const { actor, input, now } = options;
  authorise(actor, 'work_order', 'create');
  if (input.kind === 'move' && !input.targetDoorId)
    throw new ApiError(
      422,
      'target_door_required',
      'A move names the door the lock goes to (targetDoorId).',
      {
        field: 'targetDoorId',
      },
    );
  // A target on another kind than a move is the body's shape, which the schema could say per
  // kind: its 400, at the field. (A move without its target keeps target_door_required, the
  // code clients already act on.)
  if (input.kind !== 'move' && input.targetDoorId)
    throw invalidRequest([
      {
        field: 'body.targetDoorId',
        problem: 'not',
        message: 'must be left out: only a move has a target door',
      },
    ]);
  const municipality = { kind: 'municipality', municipalityId: actor.municipalityId } as const;
  return withAuditedTransaction(options, async (client, audit) => {
    const reference = async (
      entity: typeof doorEntity,
      id: string | undefined,
      field: string,
    ): Promise<Record<string, unknown> | undefined> => {
      if (!id) return undefined;
      const row = await findEntity(client, entity, municipality, id);
      if (!row) throw new ApiError(422, 'unknown_reference', `No ${entity.label} with id ${id}.`, { field });
      return row;
    };
    const door = (await reference(doorEntity, input.doorId, 'doorId'))!;
    const targetDoor = await reference(doorEntity, input.targetDoorId, 'targetDoorId');
    await reference(customerEntity, input.customerId, 'customerId');
    await reference(lockEntity, input.lockDeviceId, 'lockDeviceId');
    if (input.targetDoorId === input.doorId)
      throw new ApiError(422, 'same_door', 'The lock is already on that door: move it to another door.', {
        field: 'targetDoorId',
      });
    const lockDeviceId = await findOrderLock(client, actor.municipalityId, input);
    const [made] = await insertWorkOrders(
      client,
      actor.municipalityId,
      [
        {
          kind: input.kind,
          doorId: input.doorId,
          origin: 'manual',
          awaits: awaitedConsentForOrder(
            input.kind,
            door.kind as DoorKind,
            targetDoor?.kind as DoorKind | undefined,
          ),
          targetDoorId: input.targetDoorId ?? null,
          customerId: input.customerId ?? null,
          lockDeviceId,
          plannedMinutes: input.plannedMinutes ?? null,
          notes: input.notes ?? null,
        },
      ],
      actor.label,
      now,
    );
    if (!made) throw await alreadyOpen(client, actor.municipalityId, input);
    const order = await readOrderDetail(client, actor, made.id);
    return auditWithDetail(audit, { action: 'create', entity: 'work_order', id: made.id }, order);
  });
}
