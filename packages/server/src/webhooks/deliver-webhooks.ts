// Sends due webhook deliveries (docs/webhooks.md "Delivery"): signed with the subscription's
// secret by the Standard Webhooks library, POSTed with a timeout, without following redirects and
// never to this machine or the server's network (webhook-request.ts); each attempt is logged with
// its outcome; a failure is retried with exponential backoff and jitter; a subscription whose
// deliveries have all failed for a day is disabled, with the reason, and audited.
import {
  computeWebhookRetryDelayMs,
  isDeliveredStatus,
  isSubscriptionToDisable,
  webhookTimeoutMs,
} from '@portvakt/core';
import {
  appendAudit,
  failPendingWebhookDeliveries,
  findWebhookSubscription,
  listDueWebhookDeliveries,
  recordWebhookAttempt,
  updateWebhookSubscription,
  withTransaction,
  type DueWebhookDelivery,
} from '@portvakt/storage';
import type pg from 'pg';
import { Webhook } from 'standardwebhooks';
import type { FieldCrypto } from '../platform/secrets';
import { makeWebhookPayload } from './webhook-presenter';
import { postToReceiver, type ReceiverAnswer } from './webhook-request';
import { isWebhookLoopbackAllowed } from './webhook-secret';

/** Deliveries per run, and how many are in flight at once. */
const batchSize = 200;
const parallelism = 8;

export interface WebhookDeliveryOptions {
  pool: pg.Pool;
  fieldCrypto: FieldCrypto;
  /** The job's clock (backoff and the one-day disabling are judged on it). */
  now: Date;
  /** A draw in [0, 1) for the jitter. */
  random?: () => number;
  timeoutMs?: number;
}

interface AttemptResult extends ReceiverAnswer {
  durationMs: number;
}

/**
 * One POST. The webhook-timestamp is the wall clock, not the job's: it is what the receiver checks
 * against its own clock to refuse replays, so it must be the moment the request is sent.
 */
async function postDelivery(
  delivery: DueWebhookDelivery,
  secret: string,
  timeoutMs: number,
): Promise<AttemptResult> {
  const body = JSON.stringify(makeWebhookPayload(delivery));
  const sentAt = new Date();
  const signature = new Webhook(secret).sign(delivery.eventId, sentAt, body);
  const started = performance.now();
  const answer = await postToReceiver(delivery.url, {
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Portvakt-Webhooks',
      'webhook-id': delivery.eventId,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': signature,
    },
    body,
    timeoutMs,
    isLoopbackAllowed: isWebhookLoopbackAllowed(),
  });
  return { ...answer, durationMs: Math.round(performance.now() - started) };
}

/** The last failure in the disabled reason, as coarse as the delivery log says it. */
function describeFailure(result: AttemptResult): string {
  return result.statusCode === null ? result.outcome.replaceAll('_', ' ') : `HTTP ${result.statusCode}`;
}

/** Logs the attempt and moves the delivery and its subscription on, in one transaction. */
async function settleAttempt(
  options: WebhookDeliveryOptions,
  delivery: DueWebhookDelivery,
  result: AttemptResult,
): Promise<void> {
  const { now } = options;
  const isDelivered = result.statusCode !== null && isDeliveredStatus(result.statusCode);
  await withTransaction(options.pool, async (client) => {
    const scope = { kind: 'municipality' as const, municipalityId: delivery.municipalityId };
    const subscription = await findWebhookSubscription(client, scope, delivery.subscriptionId, {
      isForUpdate: true,
    });
    const attempt = {
      municipalityId: delivery.municipalityId,
      deliveryId: delivery.id,
      attemptedAt: now,
      ...result,
    };
    if (isDelivered) {
      await recordWebhookAttempt(client, attempt, { status: 'delivered', nextAttemptAt: null });
      if (subscription?.failingSince)
        await updateWebhookSubscription(
          client,
          delivery.municipalityId,
          delivery.subscriptionId,
          { failingSince: null },
          now,
        );
      return;
    }
    const failingSince = subscription?.failingSince ?? now;
    if (!isSubscriptionToDisable(failingSince, now)) {
      const delay = computeWebhookRetryDelayMs(delivery.attemptCount + 1, (options.random ?? Math.random)());
      await recordWebhookAttempt(client, attempt, {
        status: 'pending',
        nextAttemptAt: new Date(now.getTime() + delay),
      });
      if (!subscription?.failingSince)
        await updateWebhookSubscription(
          client,
          delivery.municipalityId,
          delivery.subscriptionId,
          { failingSince },
          now,
        );
      return;
    }
    await recordWebhookAttempt(client, attempt, { status: 'failed', nextAttemptAt: null });
    const reason = `Disabled automatically: every delivery has failed since ${failingSince.toISOString()} (last: ${describeFailure(result)}).`;
    await updateWebhookSubscription(
      client,
      delivery.municipalityId,
      delivery.subscriptionId,
      { isEnabled: false, disabledReason: reason, disabledAt: now },
      now,
    );
    await failPendingWebhookDeliveries(client, delivery.municipalityId, delivery.subscriptionId);
    await appendAudit(client, {
      municipalityId: delivery.municipalityId,
      actorLabel: 'webhook delivery',
      action: 'disable',
      entity: 'webhook_subscription',
      entityId: delivery.subscriptionId,
      after: { isEnabled: false, disabledReason: reason },
      source: 'job',
    });
  });
}

/** Sends what is due at `now`; answers how many attempts were made. */
export async function deliverDueWebhooks(options: WebhookDeliveryOptions): Promise<number> {
  const due = await listDueWebhookDeliveries(options.pool, options.now, batchSize);
  // One attempt per subscription per run: after a failure the rest of its deliveries wait for the
  // next run, which sees the subscription's new failure streak (and maybe its disabling).
  const bySubscription = new Map<string, DueWebhookDelivery[]>();
  for (const delivery of due)
    bySubscription.set(delivery.subscriptionId, [
      ...(bySubscription.get(delivery.subscriptionId) ?? []),
      delivery,
    ]);
  const queues = [...bySubscription.values()];
  let attempts = 0;
  const work = async () => {
    for (let queue = queues.shift(); queue; queue = queues.shift()) {
      for (const delivery of queue) {
        const secret = options.fieldCrypto.decrypt(delivery.secretSealed);
        const result = await postDelivery(delivery, secret, options.timeoutMs ?? webhookTimeoutMs);
        await settleAttempt(options, delivery, result);
        attempts += 1;
        if (!(result.statusCode !== null && isDeliveredStatus(result.statusCode))) break;
      }
    }
  };
  await Promise.all(Array.from({ length: parallelism }, work));
  return attempts;
}
