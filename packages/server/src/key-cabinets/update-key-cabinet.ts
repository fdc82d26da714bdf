import type { KeyCabinet, KeyCabinetPatchBody } from '@portvakt/contract';
import type { Scope } from '@portvakt/core';
import {
  findHighestSlotInUse,
  findKeyCabinet,
  lockKeyCabinet,
  retireKeyCabinet as writeRetirement,
  updateKeyCabinet as writeKeyCabinet,
  withTransaction,
} from '@portvakt/storage';
import type pg from 'pg';
import { recordChange } from '../audit';
import type { UseCaseOptions } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import { providerOfScope, readKeyOutLimitMinutes } from './key-cabinet-access';

type Options<Input> = UseCaseOptions<Input> & { scope: Scope; now: Date };

async function readCabinet(client: pg.PoolClient, municipalityId: string, id: string, now: Date) {
  return (await findKeyCabinet(client, {
    municipalityId,
    id,
    now,
    keyOutLimitMinutes: await readKeyOutLimitMinutes(client, municipalityId),
  }))!;
}

/** Renames, moves or resizes a cabinet in scope; it cannot shrink below a slot holding a key. */
export async function updateKeyCabinet({
  db,
  actor,
  scope,
  input,
  requestId,
  now,
}: Options<{ id: string; change: KeyCabinetPatchBody }>): Promise<KeyCabinet> {
  return withTransaction(db, async (client) => {
    const locked = await lockKeyCabinet(client, actor.municipalityId, input.id, providerOfScope(scope));
    if (!locked) throw notFound('key cabinet');
    if (locked.retiredAt) throw new ApiError(409, 'cabinet_retired', 'The cabinet is retired.');
    const { slotCount } = input.change;
    if (slotCount !== undefined && slotCount < (await findHighestSlotInUse(client, input.id)))
      throw new ApiError(409, 'slots_in_use', 'A slot above the new count holds a key or has a key out.', {
        field: 'slotCount',
      });
    const before = await readCabinet(client, actor.municipalityId, input.id, now);
    await writeKeyCabinet(client, input.id, input.change);
    const after = await readCabinet(client, actor.municipalityId, input.id, now);
    await recordChange(client, actor, {
      action: 'update',
      entity: 'key_cabinet',
      entityId: input.id,
      before,
      after,
      requestId,
    });
    return after;
  });
}

/** Takes a cabinet out of use; only an empty one (no key held, none out). Its records stay. */
export async function retireKeyCabinet({
  db,
  actor,
  scope,
  input,
  requestId,
  now,
}: Options<{ id: string }>): Promise<KeyCabinet> {
  return withTransaction(db, async (client) => {
    const locked = await lockKeyCabinet(client, actor.municipalityId, input.id, providerOfScope(scope));
    if (!locked) throw notFound('key cabinet');
    if (locked.retiredAt) throw new ApiError(409, 'cabinet_retired', 'The cabinet is already retired.');
    if ((await findHighestSlotInUse(client, input.id)) > 0)
      throw new ApiError(409, 'slots_in_use', 'Keys are held in the cabinet or out of it.');
    const before = await readCabinet(client, actor.municipalityId, input.id, now);
    await writeRetirement(client, input.id, now);
    const after = await readCabinet(client, actor.municipalityId, input.id, now);
    await recordChange(client, actor, {
      action: 'retire',
      entity: 'key_cabinet',
      entityId: input.id,
      before,
      after,
      requestId,
    });
    return after;
  });
}
