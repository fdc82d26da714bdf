// The webhook outbox (docs/webhooks.md): how far the event job has read each municipality's audit
// chain, the events it made, one delivery per subscription and event, and each attempt.
import { ownerVisibleDoorKinds } from '@portvakt/core';
import { createRowsQuery, type Queryable } from '../platform/queryable';
import { createSessionLock } from '../platform/session-lock';

/**
 * Starts reading a municipality's audit chain at its current end (done with its first
 * subscription, so a new subscriber is not sent the municipality's history).
 */
export async function ensureWebhookAuditCursor(db: Queryable, municipalityId: string): Promise<void> {
  await db.query(
    `INSERT INTO webhook_audit_cursor (municipality_id, last_chain_seq)
     VALUES ($1::uuid, coalesce((SELECT last_seq FROM audit_chain WHERE scope = $1::uuid::text), 0))
     ON CONFLICT (municipality_id) DO NOTHING`,
    [municipalityId],
  );
}

export interface WebhookAuditCursor {
  municipalityId: string;
  lastChainSeq: number;
}

/** Every municipality the job reads for (it reads each in a transaction of its own). */
export async function listWebhookAuditMunicipalities(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ municipalityId: string }>(
    `SELECT municipality_id AS "municipalityId" FROM webhook_audit_cursor ORDER BY municipality_id
     /* sharding: the webhook job runs per municipality; this lists them (a cluster-wide job) */`,
  );
  return rows.map((row) => row.municipalityId);
}

/** How far the job has read the municipality's audit chain; locked for the transaction. */
export async function readWebhookAuditCursor(
  db: Queryable,
  municipalityId: string,
): Promise<WebhookAuditCursor | undefined> {
  const { rows } = await db.query<{ municipalityId: string; lastChainSeq: string }>(
    `SELECT municipality_id AS "municipalityId", last_chain_seq AS "lastChainSeq"
     FROM webhook_audit_cursor WHERE municipality_id = $1 FOR UPDATE`,
    [municipalityId],
  );
  return rows[0] && { ...rows[0], lastChainSeq: Number(rows[0].lastChainSeq) };
}

export async function advanceWebhookAuditCursor(
  db: Queryable,
  municipalityId: string,
  lastChainSeq: number,
): Promise<void> {
  await db.query('UPDATE webhook_audit_cursor SET last_chain_seq = $2 WHERE municipality_id = $1', [
    municipalityId,
    lastChainSeq,
  ]);
}

export interface AuditEntryForWebhook {
  id: string;
  chainSeq: number;
  occurredAt: Date;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** The municipality's audit entries after `afterSeq` in chain (commit) order. */
export async function listAuditEntriesAfter(
  db: Queryable,
  municipalityId: string,
  afterSeq: number,
  limit: number,
): Promise<AuditEntryForWebhook[]> {
  const { rows } = await db.query<AuditEntryForWebhook & { chainSeq: string }>(
    `SELECT id::text, chain_seq AS "chainSeq", occurred_at AS "occurredAt", action, entity,
       entity_id AS "entityId", before, after
     FROM audit_entry WHERE municipality_id = $1 AND chain_seq > $2 ORDER BY chain_seq LIMIT $3`,
    [municipalityId, afterSeq, limit],
  );
  return rows.map((row) => ({ ...row, chainSeq: Number(row.chainSeq) }));
}

export interface WebhookAudienceRow {
  providerIds: string[];
  propertyOwnerIds: string[];
}

/**
 * Whom an audited entity concerns: a key's, a visit's or an emergency's provider; the owners of the
 * properties of a work order's door and a move's target door, each when it is of a kind owners see
 * (R2.7: the registry's ownerVisibleDoorKinds, never a customer's own door such as a key safe), a
 * consent request's owner.
 */
export async function readWebhookAudience(
  db: Queryable,
  municipalityId: string,
  entity: string,
  entityId: string,
): Promise<WebhookAudienceRow> {
  const queries: Record<string, string> = {
    digital_key: `SELECT provider_id AS "providerId", NULL::uuid AS "ownerId" FROM digital_key
      WHERE municipality_id = $2 AND id = $1`,
    // A visit is its versions: one row per version, all of one provider.
    visit: `SELECT DISTINCT provider_id AS "providerId", NULL::uuid AS "ownerId" FROM visit
      WHERE municipality_id = $2 AND visit_id = $1`,
    emergency_opening: `SELECT provider_id AS "providerId", NULL::uuid AS "ownerId" FROM emergency_opening
      WHERE municipality_id = $2 AND id = $1`,
    work_order: `SELECT DISTINCT NULL::uuid AS "providerId", p.owner_id AS "ownerId" FROM work_order w
      JOIN door d ON d.municipality_id = w.municipality_id AND d.id IN (w.door_id, w.target_door_id)
      JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id
      WHERE w.municipality_id = $2 AND w.id = $1 AND d.kind = ANY($3::text[])`,
    consent_request: `SELECT NULL::uuid AS "providerId", property_owner_id AS "ownerId" FROM consent_request
      WHERE municipality_id = $2 AND id = $1`,
  };
  const sql = queries[entity];
  if (!sql || !/^[0-9a-f-]{36}$/i.test(entityId)) return { providerIds: [], propertyOwnerIds: [] };
  // Only the work order's statement reads the owner-visible kinds: pg refuses an unused parameter.
  const values =
    entity === 'work_order' ? [entityId, municipalityId, ownerVisibleDoorKinds] : [entityId, municipalityId];
  const { rows } = await db.query<{ providerId: string | null; ownerId: string | null }>(sql, values);
  return {
    providerIds: rows.flatMap((row) => (row.providerId ? [row.providerId] : [])),
    propertyOwnerIds: rows.flatMap((row) => (row.ownerId ? [row.ownerId] : [])),
  };
}

export interface NewWebhookEvent {
  municipalityId: string;
  type: string;
  occurredAt: Date;
  data: unknown;
  sourceKey: string;
}

/** Records an event once per source; undefined when it was already made. */
export async function insertWebhookEvent(db: Queryable, event: NewWebhookEvent): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO webhook_event (municipality_id, type, occurred_at, data, source_key) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (municipality_id, source_key) DO NOTHING RETURNING id`,
    [event.municipalityId, event.type, event.occurredAt, JSON.stringify(event.data), event.sourceKey],
  );
  return rows[0]?.id;
}

export async function insertWebhookDeliveries(
  db: Queryable,
  municipalityId: string,
  eventId: string,
  subscriptionIds: readonly string[],
  now: Date,
): Promise<void> {
  if (subscriptionIds.length === 0) return;
  await db.query(
    `INSERT INTO webhook_delivery (municipality_id, subscription_id, event_id, next_attempt_at, created_at)
     SELECT $4, unnest($2::uuid[]), $1, $3, $3 ON CONFLICT DO NOTHING`,
    [eventId, subscriptionIds, now, municipalityId],
  );
}

export interface DueWebhookDelivery {
  id: string;
  subscriptionId: string;
  municipalityId: string;
  url: string;
  secretSealed: Buffer;
  failingSince: Date | null;
  attemptCount: number;
  eventId: string;
  eventType: string;
  occurredAt: Date;
  data: unknown;
}

/** Pending deliveries of enabled subscriptions whose next attempt is due, oldest first. */
export const listDueWebhookDeliveries = createRowsQuery<DueWebhookDelivery, [now: Date, limit: number]>(
  `SELECT d.id, d.subscription_id AS "subscriptionId", s.municipality_id AS "municipalityId", s.url,
     s.secret_sealed AS "secretSealed", s.failing_since AS "failingSince", d.attempt_count AS "attemptCount",
     e.id AS "eventId", e.type AS "eventType", e.occurred_at AS "occurredAt", e.data
   FROM webhook_delivery d JOIN webhook_subscription s ON s.municipality_id = d.municipality_id AND s.id = d.subscription_id
     JOIN webhook_event e ON e.municipality_id = d.municipality_id AND e.id = d.event_id
   WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND s.is_enabled
   ORDER BY d.next_attempt_at, d.created_at, d.id LIMIT $2
   /* sharding: the delivery job sends what is due in every municipality, oldest first (a cluster-wide job) */`,
);

export interface WebhookAttemptRecord {
  municipalityId: string;
  deliveryId: string;
  attemptedAt: Date;
  /** How it ended (contract webhookAttemptOutcomes): answered, timed_out, could_not_connect, … */
  outcome: string;
  statusCode: number | null;
  /** The network library's detail, for the operator only: never answered over the API. */
  error: string | null;
  durationMs: number;
}

/** Logs one attempt and sets the delivery's state after it (delivered, or the next attempt). */
export async function recordWebhookAttempt(
  db: Queryable,
  attempt: WebhookAttemptRecord,
  outcome: { status: 'pending' | 'delivered' | 'failed'; nextAttemptAt: Date | null },
): Promise<void> {
  await db.query(
    `WITH attempt AS (
       INSERT INTO webhook_attempt (municipality_id, delivery_id, attempted_at, status_code, error, duration_ms, outcome)
       VALUES ($8, $1, $2, $3, $4, $5, $9))
     UPDATE webhook_delivery SET status = $6, next_attempt_at = $7, attempt_count = attempt_count + 1
     WHERE municipality_id = $8 AND id = $1`,
    [
      attempt.deliveryId,
      attempt.attemptedAt,
      attempt.statusCode,
      attempt.error,
      attempt.durationMs,
      outcome.status,
      outcome.nextAttemptAt,
      attempt.municipalityId,
      attempt.outcome,
    ],
  );
}

/** A disabled subscription's pending deliveries end as failed (replayable once it is enabled). */
export async function failPendingWebhookDeliveries(
  db: Queryable,
  municipalityId: string,
  subscriptionId: string,
): Promise<void> {
  await db.query(
    `UPDATE webhook_delivery SET status = 'failed', next_attempt_at = NULL
     WHERE municipality_id = $2 AND subscription_id = $1 AND status = 'pending'`,
    [subscriptionId, municipalityId],
  );
}

export interface WebhookDeliveryRow {
  id: string;
  eventId: string;
  eventType: string;
  occurredAt: Date;
  data: unknown;
  status: 'pending' | 'delivered' | 'failed';
  nextAttemptAt: Date | null;
  attempts: { attemptedAt: string; outcome: string; statusCode: number | null; durationMs: number }[];
}

/** A subscription's deliveries, newest first, each with its attempts in order. */
export async function listWebhookDeliveries(
  db: Queryable,
  municipalityId: string,
  subscriptionId: string,
  limit: number,
  deliveryId: string | null = null,
): Promise<WebhookDeliveryRow[]> {
  const { rows } = await db.query<WebhookDeliveryRow>(
    `SELECT d.id, e.id AS "eventId", e.type AS "eventType", e.occurred_at AS "occurredAt", e.data, d.status,
       d.next_attempt_at AS "nextAttemptAt",
       coalesce((SELECT json_agg(json_build_object('attemptedAt', a.attempted_at, 'outcome', a.outcome,
           'statusCode', a.status_code, 'durationMs', a.duration_ms) ORDER BY a.id)
         FROM webhook_attempt a WHERE a.municipality_id = d.municipality_id AND a.delivery_id = d.id), '[]'::json) AS attempts
     FROM webhook_delivery d JOIN webhook_event e ON e.municipality_id = d.municipality_id AND e.id = d.event_id
     WHERE d.municipality_id = $4 AND d.subscription_id = $1 AND ($3::uuid IS NULL OR d.id = $3)
     ORDER BY d.created_at DESC, e.occurred_at DESC, d.id LIMIT $2`,
    [subscriptionId, limit, deliveryId, municipalityId],
  );
  return rows;
}

/** Sends a failed delivery again now: false when it is not the subscription's or not failed. */
export async function replayWebhookDelivery(
  db: Queryable,
  municipalityId: string,
  subscriptionId: string,
  deliveryId: string,
  now: Date,
): Promise<'replayed' | 'not_found' | 'not_failed'> {
  const { rows } = await db.query<{ status: string }>(
    'SELECT status FROM webhook_delivery WHERE municipality_id = $3 AND id = $1 AND subscription_id = $2 FOR UPDATE',
    [deliveryId, subscriptionId, municipalityId],
  );
  if (!rows[0]) return 'not_found';
  if (rows[0].status !== 'failed') return 'not_failed';
  await db.query(
    `UPDATE webhook_delivery SET status = 'pending', next_attempt_at = $2 WHERE municipality_id = $3 AND id = $1`,
    [deliveryId, now, municipalityId],
  );
  return 'replayed';
}

// Any stable key: only the webhook job takes it, so one process in a cluster delivers.
const webhookLock = createSessionLock('portvakt:webhooks');

/** Takes the webhook job's session lock on this connection; false when another process holds it. */
export const tryLockWebhookJob = webhookLock.tryTake;
export const unlockWebhookJob = webhookLock.release;
