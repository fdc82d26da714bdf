import type { KeyCabinetDetail, KeyCabinetSlot } from '@portvakt/contract';
import { decideSlotState, isAuthorisationLapsed, isTakeOfSlotKey, type Scope } from '@portvakt/core';
import {
  findKeyCabinet,
  listCabinetKeys,
  listCabinetTakes,
  listOpenTakes,
  type Queryable,
} from '@portvakt/storage';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { providerOfScope, readKeyOutLimitMinutes } from './key-cabinet-access';
import { decideTakerNaming, presentTake } from './key-cabinet-presenter';

/** How many takes the cabinet page shows as its log. */
const takeLogLength = 100;

/**
 * One cabinet in scope with its slots (which backup key, in or out, since when, by whom, why,
 * overdue past the municipality's key-out limit) and its newest takes. 404 outside scope.
 */
export async function readKeyCabinet({
  db,
  actor,
  scope,
  input,
  now,
}: ReadOptions<{ id: string }, Queryable> & { scope: Scope; now: Date }): Promise<KeyCabinetDetail> {
  const keyOutLimitMinutes = await readKeyOutLimitMinutes(db, actor.municipalityId);
  const cabinet = await findKeyCabinet(db, {
    municipalityId: actor.municipalityId,
    providerId: providerOfScope(scope),
    id: input.id,
    now,
    keyOutLimitMinutes,
  });
  if (!cabinet) throw notFound('key cabinet');
  const namesTaker = decideTakerNaming(actor, cabinet.providerId);
  const keys = new Map(
    (await listCabinetKeys(db, actor.municipalityId, cabinet.id)).map((key) => [key.slot, key]),
  );
  const open = new Map(
    (await listOpenTakes(db, actor.municipalityId, cabinet.id))
      .filter((take) => !isAuthorisationLapsed(take, now))
      .map((take) => [take.slot, take]),
  );
  const slots: KeyCabinetSlot[] = [];
  for (let slot = 1; slot <= cabinet.slotCount; slot++) {
    const key = keys.get(slot);
    // A take shows on its own key's slot only, never as the take of a key put there later.
    const slotTake = open.get(slot);
    const take = slotTake && isTakeOfSlotKey(slotTake, key?.id) ? slotTake : undefined;
    const presented = take ? presentTake(take, now, keyOutLimitMinutes, namesTaker) : null;
    slots.push({
      slot,
      state: decideSlotState(key !== undefined, take),
      backupKeyId: key?.id ?? take?.backupKeyId ?? null,
      backupKeyLabel: key?.label ?? take?.backupKeyLabel ?? null,
      take: presented,
      since: presented ? (presented.takenAt ?? presented.authorisedAt) : null,
      isOverdue: presented?.isOverdue ?? false,
    });
  }
  const takes = (await listCabinetTakes(db, actor.municipalityId, cabinet.id, takeLogLength)).map((take) =>
    presentTake(take, now, keyOutLimitMinutes, namesTaker),
  );
  return { cabinet, keyOutLimitMinutes, slots, takes };
}
