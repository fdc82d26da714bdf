// Makes webhook events and their deliveries (docs/webhooks.md "Where events come from"). Changes
// come from the audit trail, read per municipality in chain order (commit order: an entry
// committed later can never appear below the cursor), so every audited change of another
// capability becomes an event without that capability knowing webhooks exist; the cursor moves in
// the same transaction as the deliveries it made, so none is lost or made twice. State-like events
// (a low battery, a lagging block list) come from lock checks, raised once until they clear.
import {
  deriveWebhookEvent,
  isEventForSubscriber,
  webhookBlockListLagMs,
  type WebhookAudience,
  type WebhookEventType,
} from '@portvakt/core';
import {
  advanceWebhookAuditCursor,
  clearWebhookConditions,
  insertWebhookDeliveries,
  insertWebhookEvent,
  listAuditEntriesAfter,
  listEnabledWebhookSubscriptions,
  listLaggingBlockListLocks,
  listLowBatteryLocks,
  listWebhookAuditMunicipalities,
  raiseWebhookCondition,
  readWebhookAudience,
  readWebhookAuditCursor,
  withTransaction,
  type Queryable,
  type WebhookLockCondition,
  type WebhookSubscriptionRow,
} from '@portvakt/storage';
import type pg from 'pg';

/** Audit entries read per statement. */
const auditBatchSize = 500;

interface EventToSend {
  municipalityId: string;
  type: WebhookEventType;
  occurredAt: Date;
  data: Record<string, unknown>;
  /** What property owners' subscriptions are sent instead, when `data` shows them more than they may read. */
  ownerData?: Record<string, unknown>;
  audience: WebhookAudience;
  sourceKey: string;
}

/** Records the event once with a delivery to each of `targets` (none: not recorded); answers how many. */
async function recordEvent(
  db: Queryable,
  event: EventToSend,
  targets: readonly WebhookSubscriptionRow[],
  now: Date,
): Promise<number> {
  if (targets.length === 0) return 0;
  const eventId = await insertWebhookEvent(db, event);
  if (!eventId) return 0;
  await insertWebhookDeliveries(
    db,
    event.municipalityId,
    eventId,
    targets.map((target) => target.id),
    now,
  );
  return targets.length;
}

/**
 * Records the event and a delivery for each enabled subscription it is for. Owners' subscriptions
 * get an event of their own when it has `ownerData` (R2.7): an event's body is one for all its
 * deliveries, and its id (`webhook-id`) is the same on every delivery.
 */
async function fanOut(
  db: Queryable,
  subscriptions: readonly WebhookSubscriptionRow[],
  event: EventToSend,
  now: Date,
): Promise<number> {
  const targets = subscriptions.filter((subscription) =>
    isEventForSubscriber(subscription, event.type, event.audience),
  );
  if (!event.ownerData) return recordEvent(db, event, targets, now);
  const owners = targets.filter((target) => target.scopeKind === 'owner');
  const others = targets.filter((target) => target.scopeKind !== 'owner');
  const forOwners = { ...event, data: event.ownerData, sourceKey: `${event.sourceKey}:owner` };
  return (await recordEvent(db, event, others, now)) + (await recordEvent(db, forOwners, owners, now));
}

/** Turns one batch of the municipality's audit entries since its cursor into deliveries. */
async function collectAuditBatch(
  pool: pg.Pool,
  municipalityId: string,
  now: Date,
): Promise<{ count: number; isMore: boolean }> {
  return withTransaction(pool, async (client) => {
    const cursor = await readWebhookAuditCursor(client, municipalityId);
    if (!cursor) return { count: 0, isMore: false };
    const entries = await listAuditEntriesAfter(client, municipalityId, cursor.lastChainSeq, auditBatchSize);
    if (entries.length === 0) return { count: 0, isMore: false };
    const subscriptions = await listEnabledWebhookSubscriptions(client, municipalityId);
    let count = 0;
    for (const entry of entries) {
      const derived = subscriptions.length > 0 ? deriveWebhookEvent(entry) : null;
      if (!derived) continue;
      const { providerId, ...event } = derived;
      const audience = providerId
        ? { providerIds: [providerId], propertyOwnerIds: [] }
        : entry.entityId
          ? await readWebhookAudience(client, municipalityId, entry.entity, entry.entityId)
          : null;
      if (!audience) continue;
      count += await fanOut(
        client,
        subscriptions,
        { municipalityId, ...event, occurredAt: entry.occurredAt, audience, sourceKey: `audit:${entry.id}` },
        now,
      );
    }
    await advanceWebhookAuditCursor(client, municipalityId, entries.at(-1)!.chainSeq);
    return { count, isMore: entries.length === auditBatchSize };
  });
}

/**
 * Turns the audit entries since each municipality's cursor into deliveries; answers how many.
 * Each municipality is read in transactions of its own: an entry that cannot be made into an
 * event stops its own municipality's events (its cursor stays, so none is lost once it is fixed),
 * reported to `onFailure`, and never another municipality's.
 */
export async function collectAuditWebhookEvents(
  pool: pg.Pool,
  now: Date,
  onFailure: (municipalityId: string, error: unknown) => void,
): Promise<number> {
  let made = 0;
  for (const municipalityId of await listWebhookAuditMunicipalities(pool)) {
    try {
      for (let isMore = true; isMore;) {
        const batch = await collectAuditBatch(pool, municipalityId, now);
        made += batch.count;
        isMore = batch.isMore;
      }
    } catch (error) {
      onFailure(municipalityId, error);
    }
  }
  return made;
}

function lockEventData(
  lock: WebhookLockCondition,
  type: WebhookEventType,
  identity: Record<string, unknown>,
): Record<string, unknown> {
  const base = { lockId: lock.lockDeviceId, ...identity, doorId: lock.doorId, propertyId: lock.propertyId };
  return type === 'lock.battery_low'
    ? { ...base, batteryLevel: lock.batteryLevel }
    : { ...base, reportedVersion: lock.reportedVersion, currentVersion: lock.currentVersion };
}

/** Raises the lock conditions that newly hold as events (each once until it clears). */
export async function collectLockWebhookEvents(pool: pg.Pool, now: Date): Promise<number> {
  return withTransaction(pool, async (client) => {
    let made = 0;
    const checks: [WebhookEventType, WebhookLockCondition[]][] = [
      ['lock.battery_low', await listLowBatteryLocks(client)],
      ['lock.block_list_lagging', await listLaggingBlockListLocks(client, now, webhookBlockListLagMs)],
    ];
    const subscriptionsOf = new Map<string, WebhookSubscriptionRow[]>();
    // The checks cover the municipalities with a cursor (never removed), so conditions exist only there.
    const municipalityIds = await listWebhookAuditMunicipalities(client);
    for (const [type, locks] of checks) {
      for (const municipalityId of municipalityIds)
        await clearWebhookConditions(
          client,
          municipalityId,
          type,
          locks.filter((lock) => lock.municipalityId === municipalityId).map((lock) => lock.lockDeviceId),
        );
      for (const lock of locks) {
        if (!(await raiseWebhookCondition(client, type, lock, now))) continue;
        if (!subscriptionsOf.has(lock.municipalityId))
          subscriptionsOf.set(
            lock.municipalityId,
            await listEnabledWebhookSubscriptions(client, lock.municipalityId),
          );
        made += await fanOut(
          client,
          subscriptionsOf.get(lock.municipalityId)!,
          {
            municipalityId: lock.municipalityId,
            type,
            occurredAt: now,
            data: lockEventData(lock, type, { lockNumber: lock.lockNumber }),
            // An owner is shown the lock as /locks shows it (R2.7, core's substitutedField): its
            // reference as the serial, and no lock number, which is handed out in sequence so its
            // gaps would reveal the apartment locks installed in between.
            ownerData: lockEventData(lock, type, { serial: lock.ownerReference }),
            audience: { providerIds: [], propertyOwnerIds: lock.ownerId ? [lock.ownerId] : [] },
            sourceKey: `${type}:${lock.lockDeviceId}:${now.toISOString()}`,
          },
          now,
        );
      }
    }
    return made;
  });
}
