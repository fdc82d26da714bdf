import type { KeyCabinet, KeyCabinetPatchBody } from '@portvakt/contract';
import type { Scope } from '@portvakt/core';
import {
  findHighestSlotInUse,
  findKeyCabinet,
  lockKeyCabinet,
  retireKeyCabinet as writeRetirement,
  updateKeyCabinet as writeKeyCabinet,
} from '@portvakt/storage';
import type pg from 'pg';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { WriteOptions } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import { providerOfScope, readKeyOutLimitMinutes } from './key-cabinet-access';

type Options<Input> = WriteOptions<Input> & { scope: Scope };

/** A cabinet as its answers and audit entries show it (with keys out past the municipality's limit). */
export async function readCabinet(client: pg.PoolClient, municipalityId: string, id: string, now: Date) {
  return (await findKeyCabinet(client, {
    municipalityId,
    id,
    now,
    keyOutLimitMinutes: await readKeyOutLimitMinutes(client, municipalityId),
  }))!;
}

/**
 * Changes a cabinet in scope that is still in use (404 outside scope, 409 cabinet_retired): locks
 * it, lets `check` refuse given the highest slot in use, writes, and audits `action` with the
 * cabinet before and after.
 */
async function changeCabinet(
  options: Options<{ id: string }>,
  change: {
    action: string;
    retiredMessage: string;
    check: (highestSlotInUse: number) => void;
    write: (client: pg.PoolClient) => Promise<void>;
  },
): Promise<KeyCabinet> {
  const { actor, scope, input, now } = options;
  return withAuditedTransaction(options, async (client, audit) => {
    const locked = await lockKeyCabinet(client, actor.municipalityId, input.id, providerOfScope(scope));
    if (!locked) throw notFound('key cabinet');
    if (locked.retiredAt) throw new ApiError(409, 'cabinet_retired', change.retiredMessage);
    change.check(await findHighestSlotInUse(client, actor.municipalityId, input.id));
    const before = await readCabinet(client, actor.municipalityId, input.id, now);
    await change.write(client);
    const after = await readCabinet(client, actor.municipalityId, input.id, now);
    await audit({ action: change.action, entity: 'key_cabinet', entityId: input.id, before, after });
    return after;
  });
}

/** Renames, moves or resizes a cabinet in scope; it cannot shrink below a slot holding a key. */
export async function updateKeyCabinet(
  options: Options<{ id: string; change: KeyCabinetPatchBody }>,
): Promise<KeyCabinet> {
  const { id, change } = options.input;
  return changeCabinet(options, {
    action: 'update',
    retiredMessage: 'The cabinet is retired.',
    check: (highestSlotInUse) => {
      if (change.slotCount !== undefined && change.slotCount < highestSlotInUse)
        throw new ApiError(409, 'slots_in_use', 'A slot above the new count holds a key or has a key out.', {
          field: 'slotCount',
        });
    },
    write: (client) => writeKeyCabinet(client, options.actor.municipalityId, id, change),
  });
}

/** Takes a cabinet out of use; only an empty one (no key held, none out). Its records stay. */
export async function retireKeyCabinet(options: Options<{ id: string }>): Promise<KeyCabinet> {
  return changeCabinet(options, {
    action: 'retire',
    retiredMessage: 'The cabinet is already retired.',
    check: (highestSlotInUse) => {
      if (highestSlotInUse > 0)
        throw new ApiError(409, 'slots_in_use', 'Keys are held in the cabinet or out of it.');
    },
    write: (client) => writeRetirement(client, options.actor.municipalityId, options.input.id, options.now),
  });
}
