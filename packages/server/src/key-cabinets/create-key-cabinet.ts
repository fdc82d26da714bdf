import type { KeyCabinet, NewKeyCabinetBody } from '@portvakt/contract';
import { findEntity as findEntityDefinition, type Scope } from '@portvakt/core';
import { findEntity, findKeyCabinet, insertKeyCabinet, withTransaction } from '@portvakt/storage';
import { recordChange } from '../audit';
import type { UseCaseOptions } from '../platform/context';
import { ApiError, forbidden } from '../platform/errors';
import { providerOfScope, readKeyOutLimitMinutes } from './key-cabinet-access';

const providerEntity = findEntityDefinition('provider');

/**
 * Registers a cabinet held by a provider: the municipality names the provider, a work lead
 * registers one for their own provider only. Enrolling its key is a device enrolment (kind
 * key_cabinet, docs/key-cabinets.md).
 */
export async function createKeyCabinet({
  db,
  actor,
  scope,
  input,
  requestId,
  now,
}: UseCaseOptions<NewKeyCabinetBody> & { scope: Scope; now: Date }): Promise<KeyCabinet> {
  const own = providerOfScope(scope);
  if (own && input.providerId && input.providerId !== own)
    throw forbidden('Work leads register cabinets for their own provider only.');
  const providerId = own ?? input.providerId;
  if (!providerId)
    throw new ApiError(422, 'validation_failed', 'Name the provider holding the cabinet.', {
      field: 'providerId',
    });
  return withTransaction(db, async (client) => {
    const municipality = { kind: 'municipality', municipalityId: actor.municipalityId } as const;
    if (!(await findEntity(client, providerEntity, municipality, providerId)))
      throw new ApiError(422, 'unknown_reference', `No provider with id ${providerId}.`, {
        field: 'providerId',
      });
    const id = await insertKeyCabinet(
      client,
      {
        municipalityId: actor.municipalityId,
        providerId,
        name: input.name,
        location: input.location ?? null,
        slotCount: input.slotCount,
      },
      now,
    );
    const cabinet = (await findKeyCabinet(client, {
      municipalityId: actor.municipalityId,
      id,
      now,
      keyOutLimitMinutes: await readKeyOutLimitMinutes(client, actor.municipalityId),
    }))!;
    await recordChange(client, actor, {
      action: 'create',
      entity: 'key_cabinet',
      entityId: id,
      after: cabinet,
      requestId,
    });
    return cabinet;
  });
}
