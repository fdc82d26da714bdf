import type { Scope } from '@portvakt/core';
import type { WebhookSubscription, WebhookSubscriptionList } from '@portvakt/contract';
import { findWebhookSubscription, listWebhookSubscriptions as readSubscriptions } from '@portvakt/storage';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { presentWebhookSubscription } from './webhook-presenter';

/** The subscriptions in the reader's scope: a provider's, an owner's, or all of the municipality. */
export async function listWebhookSubscriptions(
  options: ReadOptions<unknown> & { scope: Scope },
): Promise<WebhookSubscriptionList> {
  const rows = await readSubscriptions(options.db, options.scope);
  return { items: rows.map(presentWebhookSubscription) };
}

export async function readWebhookSubscription(
  options: ReadOptions<{ id: string }> & { scope: Scope },
): Promise<WebhookSubscription> {
  const row = await findWebhookSubscription(options.db, options.scope, options.input.id);
  if (!row) throw notFound('webhook subscription');
  return presentWebhookSubscription(row);
}
