// Changes a subscription's receiver, event types or description, or enables or disables it. Enabling
// starts afresh: the failure streak is forgotten, and the disabled reason cleared.
import { judgeWebhookEventTypes, judgeWebhookUrl, type Scope } from '@portvakt/core';
import type { UpdateWebhookBody, WebhookSubscription } from '@portvakt/contract';
import {
  failPendingWebhookDeliveries,
  findWebhookSubscription,
  updateWebhookSubscription as writeSubscription,
  type WebhookSubscriptionChange,
} from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { WriteOptions } from '../platform/context';
import { notFound, throwIfRefused } from '../platform/errors';
import { readAddressReach } from './webhook-address';
import { presentWebhookSubscription } from './webhook-presenter';
import { isWebhookLoopbackAllowed } from './webhook-secret';

export async function updateWebhookSubscription(
  options: WriteOptions<{ id: string; change: UpdateWebhookBody }> & { scope: Scope },
): Promise<WebhookSubscription> {
  const { actor, input, now, scope } = options;
  const { change } = input;
  const url = change.url?.trim();
  if (url !== undefined) throwIfRefused(judgeWebhookUrl(url, isWebhookLoopbackAllowed(), readAddressReach));
  return withAuditedTransaction(options, async (client, audit) => {
    const before = await findWebhookSubscription(client, scope, input.id, { isForUpdate: true });
    if (!before) throw notFound('webhook subscription');
    if (change.eventTypes) throwIfRefused(judgeWebhookEventTypes(before.scopeKind, change.eventTypes));
    const write: WebhookSubscriptionChange = {
      ...(url === undefined ? {} : { url }),
      ...(change.eventTypes ? { eventTypes: [...change.eventTypes] } : {}),
      ...(change.description === undefined ? {} : { description: change.description.trim() || null }),
    };
    if (change.isEnabled === true && !before.isEnabled)
      Object.assign(write, {
        isEnabled: true,
        disabledReason: null,
        disabledBy: null,
        disabledAt: null,
        failingSince: null,
      });
    if (change.isEnabled === false && before.isEnabled)
      Object.assign(write, {
        isEnabled: false,
        disabledReason: `Disabled by ${actor.label}.`,
        disabledBy: actor.label,
        disabledAt: now,
      });
    await writeSubscription(client, before.municipalityId, input.id, write, now);
    if (write.isEnabled === false)
      await failPendingWebhookDeliveries(client, before.municipalityId, input.id);
    const after = presentWebhookSubscription((await findWebhookSubscription(client, scope, input.id))!);
    await audit({
      action: 'update',
      entity: 'webhook_subscription',
      entityId: input.id,
      before: presentWebhookSubscription(before),
      after,
    });
    return after;
  });
}
