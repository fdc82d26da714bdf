// Subscribes a receiver to webhook events, scoped like the subscriber (docs/webhooks.md): a work
// lead's subscription gets its provider's events, a property owner's its properties', the
// municipality's all. The signing secret is in the answer only this once.
import { judgeWebhookEventTypes, judgeWebhookUrl, type Scope, type WebhookScopeKind } from '@portvakt/core';
import type { CreateWebhookBody, WebhookSubscriptionWithSecret } from '@portvakt/contract';
import {
  ensureWebhookAuditCursor,
  findWebhookSubscription,
  insertWebhookSubscription,
} from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { WriteOptions } from '../platform/context';
import { forbidden, throwIfRefused } from '../platform/errors';
import type { FieldCrypto } from '../platform/secrets';
import { readAddressReach } from './webhook-address';
import { presentWebhookSubscription } from './webhook-presenter';
import { createWebhookSecret, isWebhookLoopbackAllowed } from './webhook-secret';

/** The subscription's owner from the scope the subscriber writes in. */
export function readSubscriberOfScope(scope: Scope): {
  scopeKind: WebhookScopeKind;
  providerId: string | null;
  propertyOwnerId: string | null;
} {
  if (scope.kind === 'municipality')
    return { scopeKind: 'municipality', providerId: null, propertyOwnerId: null };
  if (scope.kind === 'provider')
    return { scopeKind: 'provider', providerId: scope.providerId, propertyOwnerId: null };
  if (scope.kind === 'owner')
    return { scopeKind: 'owner', providerId: null, propertyOwnerId: scope.propertyOwnerId };
  throw forbidden();
}

export async function createWebhookSubscription(
  options: WriteOptions<CreateWebhookBody> & { scope: Scope; fieldCrypto: FieldCrypto },
): Promise<WebhookSubscriptionWithSecret> {
  const { actor, input, now, scope, fieldCrypto } = options;
  const subscriber = readSubscriberOfScope(scope);
  const url = input.url.trim();
  throwIfRefused(judgeWebhookUrl(url, isWebhookLoopbackAllowed(), readAddressReach));
  throwIfRefused(judgeWebhookEventTypes(subscriber.scopeKind, input.eventTypes));
  const { secret, sealed } = createWebhookSecret(fieldCrypto);
  return withAuditedTransaction(options, async (client, audit) => {
    await ensureWebhookAuditCursor(client, actor.municipalityId);
    const id = await insertWebhookSubscription(client, {
      municipalityId: actor.municipalityId,
      ...subscriber,
      url,
      description: input.description?.trim() || null,
      eventTypes: [...input.eventTypes],
      secretSealed: sealed,
      createdBy: actor.label,
      now,
    });
    const made = presentWebhookSubscription((await findWebhookSubscription(client, scope, id))!);
    await audit({ action: 'create', entity: 'webhook_subscription', entityId: id, after: made });
    return { ...made, secret };
  });
}
