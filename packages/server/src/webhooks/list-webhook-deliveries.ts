import type { Scope } from '@portvakt/core';
import type { WebhookDeliveryList } from '@portvakt/contract';
import { findWebhookSubscription, listWebhookDeliveries as readDeliveries } from '@portvakt/storage';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { presentWebhookDelivery } from './webhook-presenter';

/** The delivery log of one subscription in the reader's scope: the newest 200, with every attempt. */
export async function listWebhookDeliveries(
  options: ReadOptions<{ id: string }> & { scope: Scope },
): Promise<WebhookDeliveryList> {
  const { db, scope, input } = options;
  const subscription = await findWebhookSubscription(db, scope, input.id);
  if (!subscription) throw notFound('webhook subscription');
  return {
    items: (await readDeliveries(db, subscription.municipalityId, input.id, 200)).map(presentWebhookDelivery),
  };
}
