// Removing an introduction recorded by mistake: the customer's locks are then not in use until
// the provider is introduced again (R8.4).
import type { Actor } from '@portvakt/core';
import { deleteProviderIntroduction, findProviderIntroduction, withTransaction } from '@portvakt/storage';
import type pg from 'pg';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import { notFound } from '../platform/errors';

export async function removeProviderIntroduction(options: {
  db: pg.Pool;
  actor: Actor;
  input: { customerId: string; providerId: string };
  requestId: string;
}): Promise<void> {
  const { actor, input } = options;
  authorise(actor, 'provider_introduction', 'delete');
  await withTransaction(options.db, async (client) => {
    const before = await findProviderIntroduction(
      client,
      actor.municipalityId,
      input.customerId,
      input.providerId,
    );
    if (!before) throw notFound('provider introduction');
    await deleteProviderIntroduction(client, actor.municipalityId, input.customerId, input.providerId);
    await recordChange(client, actor, {
      action: 'delete',
      entity: 'provider_introduction',
      entityId: input.customerId,
      before,
      requestId: options.requestId,
    });
  });
}
