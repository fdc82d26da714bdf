import type { KeyCabinet, NewKeyCabinetBody } from '@portvakt/contract';
import { findEntity as findEntityDefinition, type Scope } from '@portvakt/core';
import { findEntity, insertKeyCabinet } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { WriteOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { resolveProviderOfWrite } from '../platform/provider-of-write';
import { providerOfScope } from './key-cabinet-access';
import { readCabinet } from './update-key-cabinet';

const providerEntity = findEntityDefinition('provider');

/**
 * Registers a cabinet held by a provider: the municipality names the provider, a work lead
 * registers one for their own provider only. Enrolling its key is a device enrolment (kind
 * key_cabinet, docs/key-cabinets.md).
 */
export async function createKeyCabinet(
  options: WriteOptions<NewKeyCabinetBody> & { scope: Scope },
): Promise<KeyCabinet> {
  const { actor, scope, input, now } = options;
  const providerId = resolveProviderOfWrite(providerOfScope(scope), input.providerId, {
    otherProvider: 'Work leads register cabinets for their own provider only.',
    noneNamed: 'Name the provider holding the cabinet.',
  });
  return withAuditedTransaction(options, async (client, audit) => {
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
    const cabinet = await readCabinet(client, actor.municipalityId, id, now);
    await audit({ action: 'create', entity: 'key_cabinet', entityId: id, after: cabinet });
    return cabinet;
  });
}
