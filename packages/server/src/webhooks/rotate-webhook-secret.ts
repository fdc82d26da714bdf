// Replaces a subscription's signing secret; the new one is in the answer only this once. Deliveries
// from now on are signed with it (the receiver must switch at the same time).
import type { Scope } from '@portvakt/core';
import type { WebhookSubscriptionWithSecret } from '@portvakt/contract';
import { findWebhookSubscription, updateWebhookSubscription } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { WriteOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import type { FieldCrypto } from '../platform/secrets';
import { presentWebhookSubscription } from './webhook-presenter';
import { createWebhookSecret } from './webhook-secret';

export async function rotateWebhookSecret(
  options: WriteOptions<{ id: string }> & { scope: Scope; fieldCrypto: FieldCrypto },
): Promise<WebhookSubscriptionWithSecret> {
  const { input, now, scope, fieldCrypto } = options;
  return withAuditedTransaction(options, async (client, audit) => {
    const before = await findWebhookSubscription(client, scope, input.id, { isForUpdate: true });
    if (!before) throw notFound('webhook subscription');
    const { secret, sealed } = createWebhookSecret(fieldCrypto);
    await updateWebhookSubscription(client, before.municipalityId, input.id, { secretSealed: sealed }, now);
    // The secret itself is never audited: only that it changed.
    await audit({ action: 'rotate', entity: 'webhook_subscription', entityId: input.id });
    return { ...presentWebhookSubscription(before), secret };
  });
}
