// Webhook subscriptions (docs/webhooks.md): scope → SQL (a provider's own, an owner's own, the
// municipality's all), the sealed signing secret, enabling and disabling.
import type { Scope } from '@portvakt/core';
import { recordedAccountName } from '../platform/named-account';
import { createRowsQuery, Params, type Queryable } from '../platform/queryable';

export interface WebhookSubscriptionRow {
  id: string;
  municipalityId: string;
  scopeKind: 'municipality' | 'provider' | 'owner';
  providerId: string | null;
  propertyOwnerId: string | null;
  url: string;
  description: string | null;
  eventTypes: string[];
  isEnabled: boolean;
  disabledReason: string | null;
  disabledBy: string | null;
  /** Their name, by the creator's rule below. */
  disabledByName: string | null;
  disabledAt: Date | null;
  failingSince: Date | null;
  createdBy: string;
  /** The creator's name, while they belong to the subscriber or are the municipality's staff (null for a token or otherwise). */
  createdByName: string | null;
  createdAt: Date;
}

/**
 * The name of an account the subscription keeps by username, while it belongs to the subscriber
 * (or is the municipality's staff): a work lead or property owner reads only their own
 * subscriptions, so they learn no name of another organisation's people, even one who moved.
 */
const subscriberName = (usernameColumn: string) =>
  recordedAccountName(
    's',
    usernameColumn,
    `CASE s.scope_kind WHEN 'provider' THEN n.provider_id = s.provider_id
       WHEN 'owner' THEN n.property_owner_id = s.property_owner_id ELSE true END`,
  );

const columns = `s.id, s.municipality_id AS "municipalityId", s.scope_kind AS "scopeKind",
  s.provider_id AS "providerId", s.property_owner_id AS "propertyOwnerId", s.url, s.description,
  s.event_types AS "eventTypes", s.is_enabled AS "isEnabled", s.disabled_reason AS "disabledReason",
  s.disabled_by AS "disabledBy", ${subscriberName('s.disabled_by')} AS "disabledByName",
  s.disabled_at AS "disabledAt", s.failing_since AS "failingSince", s.created_by AS "createdBy",
  ${subscriberName('s.created_by')} AS "createdByName", s.created_at AS "createdAt"`;

/**
 * The SQL condition "subscription `s` of the scope's municipality is in `scope`" (the statement
 * names the municipality itself, so a router sees it).
 */
function scopeCondition(scope: Scope, params: Params): string {
  switch (scope.kind) {
    case 'municipality':
      return 'true';
    case 'provider':
      return `s.provider_id = ${params.add(scope.providerId)}`;
    case 'owner':
      return `s.property_owner_id = ${params.add(scope.propertyOwnerId)}`;
    default:
      return 'false';
  }
}

export interface NewWebhookSubscription {
  municipalityId: string;
  scopeKind: WebhookSubscriptionRow['scopeKind'];
  providerId: string | null;
  propertyOwnerId: string | null;
  url: string;
  description: string | null;
  eventTypes: string[];
  secretSealed: Buffer;
  createdBy: string;
  now: Date;
}

export async function insertWebhookSubscription(db: Queryable, row: NewWebhookSubscription): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO webhook_subscription (municipality_id, scope_kind, provider_id, property_owner_id, url,
       description, event_types, secret_sealed, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
    [
      row.municipalityId,
      row.scopeKind,
      row.providerId,
      row.propertyOwnerId,
      row.url,
      row.description,
      row.eventTypes,
      row.secretSealed,
      row.createdBy,
      row.now,
    ],
  );
  return rows[0]!.id;
}

export async function listWebhookSubscriptions(
  db: Queryable,
  scope: Scope,
): Promise<WebhookSubscriptionRow[]> {
  const params = new Params();
  const { rows } = await db.query<WebhookSubscriptionRow>(
    `SELECT ${columns} FROM webhook_subscription s
     WHERE s.municipality_id = ${params.add(scope.municipalityId)} AND ${scopeCondition(scope, params)}
     ORDER BY s.created_at, s.id`,
    params.values,
  );
  return rows;
}

export async function findWebhookSubscription(
  db: Queryable,
  scope: Scope,
  id: string,
  options: { isForUpdate?: boolean } = {},
): Promise<WebhookSubscriptionRow | undefined> {
  const params = new Params();
  const { rows } = await db.query<WebhookSubscriptionRow>(
    `SELECT ${columns} FROM webhook_subscription s
     WHERE s.municipality_id = ${params.add(scope.municipalityId)} AND s.id = ${params.add(id)}
       AND ${scopeCondition(scope, params)}${options.isForUpdate ? ' FOR UPDATE OF s' : ''}`,
    params.values,
  );
  return rows[0];
}

export interface WebhookSubscriptionChange {
  url?: string;
  description?: string | null;
  eventTypes?: string[];
  isEnabled?: boolean;
  disabledReason?: string | null;
  disabledBy?: string | null;
  disabledAt?: Date | null;
  failingSince?: Date | null;
  secretSealed?: Buffer;
}

const changeColumns: Record<keyof WebhookSubscriptionChange, string> = {
  url: 'url',
  description: 'description',
  eventTypes: 'event_types',
  isEnabled: 'is_enabled',
  disabledReason: 'disabled_reason',
  disabledBy: 'disabled_by',
  disabledAt: 'disabled_at',
  failingSince: 'failing_since',
  secretSealed: 'secret_sealed',
};

export async function updateWebhookSubscription(
  db: Queryable,
  municipalityId: string,
  id: string,
  change: WebhookSubscriptionChange,
  now: Date,
): Promise<void> {
  const params = new Params();
  const sets = Object.entries(change)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${changeColumns[key as keyof WebhookSubscriptionChange]} = ${params.add(value)}`);
  await db.query(
    `UPDATE webhook_subscription SET ${[...sets, `updated_at = ${params.add(now)}`].join(', ')}
     WHERE municipality_id = ${params.add(municipalityId)} AND id = ${params.add(id)}`,
    params.values,
  );
}

/** The enabled subscriptions of a municipality that take any of `types` (the event job's fan-out). */
export const listEnabledWebhookSubscriptions = createRowsQuery<
  WebhookSubscriptionRow,
  [municipalityId: string]
>(`SELECT ${columns} FROM webhook_subscription s WHERE s.municipality_id = $1 AND s.is_enabled`);
