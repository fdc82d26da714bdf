// Where a held key is kept: a slot of a cabinet of the key's own provider, in range and not
// retired, or a named safe (core's checkStoragePlace and checkSlot). Shared by create and update.
import { checkSlot, checkStoragePlace } from '@portvakt/core';
import { lockKeyCabinetFacts, type Queryable } from '@portvakt/storage';
import { ApiError, throwIfRefused } from '../platform/errors';

export interface KeyPlace {
  keyCabinetId: string | null;
  slot: number | null;
  safeName: string | null;
}

/**
 * Refuses a place the key may not be kept. `canKnowOtherCabinets`: the reader sees every
 * provider's cabinets (municipality scope); a work lead is told of another provider's cabinet
 * what they would be told of an unknown id, not that it exists or is retired. Call it in the
 * transaction that writes the key: it locks the cabinet until then, so a resize or retirement
 * committing meanwhile cannot leave the key in a slot that is gone or a cabinet out of use.
 */
export async function checkKeyPlace(
  db: Queryable,
  municipalityId: string,
  providerId: string,
  place: KeyPlace,
  canKnowOtherCabinets: boolean,
): Promise<void> {
  throwIfRefused(checkStoragePlace(place));
  if (!place.keyCabinetId) return;
  const cabinet = await lockKeyCabinetFacts(db, municipalityId, place.keyCabinetId);
  const isOtherProviders = cabinet !== undefined && cabinet.providerId !== providerId;
  if (!cabinet || (isOtherProviders && !canKnowOtherCabinets))
    throw new ApiError(422, 'unknown_reference', 'No such key cabinet.', { field: 'keyCabinetId' });
  if (isOtherProviders)
    throw new ApiError(422, 'cabinet_of_other_provider', 'The cabinet belongs to another provider.', {
      field: 'keyCabinetId',
    });
  if (cabinet.isRetired)
    // A retired cabinet is a place the key may not be kept (422), not a conflict with a change
    // to the cabinet itself (409 cabinet_retired).
    throw new ApiError(422, 'storage_cabinet_retired', 'The key cabinet is retired.', {
      field: 'keyCabinetId',
    });
  const slotRefusal = checkSlot(place.slot!, cabinet.slotCount);
  if (slotRefusal) throw new ApiError(422, slotRefusal.code, slotRefusal.message, { field: 'slot' });
}

export const slotTaken = () =>
  new ApiError(409, 'slot_taken', 'The cabinet slot already holds a key.', { field: 'slot' });
