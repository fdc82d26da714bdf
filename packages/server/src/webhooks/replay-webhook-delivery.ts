// Sends a failed delivery again: it is due at once, with the same webhook-id and body, so a
// receiver that de-duplicates by id sees it once. Only failed deliveries (409 otherwise).
import type { Scope } from '@portvakt/core';
import type { WebhookDelivery } from '@portvakt/contract';
import {
  findWebhookSubscription,
  listWebhookDeliveries,
  replayWebhookDelivery as markReplay,
} from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { WriteOptions } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import { presentWebhookDelivery } from './webhook-presenter';

export async function replayWebhookDelivery(
  options: WriteOptions<{ id: string; deliveryId: string }> & { scope: Scope },
): Promise<WebhookDelivery> {
  const { input, now, scope } = options;
  return withAuditedTransaction(options, async (client, audit) => {
    const subscription = await findWebhookSubscription(client, scope, input.id);
    if (!subscription) throw notFound('webhook subscription');
    const outcome = await markReplay(client, subscription.municipalityId, input.id, input.deliveryId, now);
    if (outcome === 'not_found') throw notFound('webhook delivery');
    if (outcome === 'not_failed')
      throw new ApiError(409, 'webhook_delivery_not_failed', 'Only a failed delivery can be sent again.');
    await audit({
      action: 'replay',
      entity: 'webhook_subscription',
      entityId: input.id,
      after: { deliveryId: input.deliveryId, isEnabled: subscription.isEnabled },
    });
    const [row] = await listWebhookDeliveries(
      client,
      subscription.municipalityId,
      input.id,
      1,
      input.deliveryId,
    );
    return presentWebhookDelivery(row!);
  });
}
