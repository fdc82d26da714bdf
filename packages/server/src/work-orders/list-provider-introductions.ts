// Providers introduced to customers (R8.4): all of the municipality's, or a work lead's own
// provider's only, for customers it serves now or has agreed to serve.
import { localToday, type Actor } from '@portvakt/core';
import type { ProviderIntroductionList } from '@portvakt/contract';
import { listProviderIntroductions as listIntroductions } from '@portvakt/storage';
import type pg from 'pg';
import { authorise } from '../platform/authorise';

export async function listProviderIntroductions(options: {
  db: pg.Pool;
  actor: Actor;
  now: Date;
  input: { customerId?: string; providerId?: string };
}): Promise<ProviderIntroductionList> {
  const scope = authorise(options.actor, 'provider_introduction', 'read');
  const providerId = scope.kind === 'provider' ? scope.providerId : options.input.providerId;
  if (scope.kind === 'provider' && options.input.providerId && options.input.providerId !== providerId)
    return { items: [] };
  const items = await listIntroductions(options.db, options.actor.municipalityId, {
    ...(options.input.customerId ? { customerId: options.input.customerId } : {}),
    ...(providerId ? { providerId } : {}),
    ...(scope.kind === 'provider' ? { servingFrom: localToday(options.now) } : {}),
  });
  return { items: items.map((item) => ({ ...item, recordedAt: item.recordedAt.toISOString() })) };
}
