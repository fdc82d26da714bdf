import type { Queryable } from './registry.repository';

export interface AuditRecord {
  municipalityId: string | null;
  actorUserId?: string | null;
  actorTokenId?: string | null;
  actorLabel: string;
  actorRole?: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
  source?: string;
}

/** Appends one entry to the audit trail (the table refuses updates and deletes). */
export async function appendAudit(db: Queryable, record: AuditRecord): Promise<void> {
  await db.query(
    `INSERT INTO audit_entry (municipality_id, actor_user_id, actor_token_id, actor_label, actor_role, action, entity,
       entity_id, before, after, request_id, source)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      record.municipalityId,
      record.actorUserId ?? null,
      record.actorTokenId ?? null,
      record.actorLabel,
      record.actorRole ?? null,
      record.action,
      record.entity,
      record.entityId ?? null,
      record.before === undefined ? null : JSON.stringify(record.before),
      record.after === undefined ? null : JSON.stringify(record.after),
      record.requestId ?? null,
      record.source ?? 'api',
    ],
  );
}

export interface AuditQuery {
  municipalityId: string;
  entity?: string | undefined;
  entityId?: string | undefined;
  actorUserId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  beforeId?: number | undefined;
  limit: number;
}

export interface AuditEntry {
  id: number;
  occurredAt: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorLabel: string;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  source: string;
}

/** Lists audit entries newest first, paged by id. */
export async function listAudit(
  db: Queryable,
  query: AuditQuery,
): Promise<{ items: AuditEntry[]; hasMore: boolean }> {
  const values: unknown[] = [query.municipalityId];
  const where = ['municipality_id = $1'];
  const add = (condition: string, value: unknown) => {
    values.push(value);
    where.push(condition.replace('?', `$${values.length}`));
  };
  if (query.entity) add('entity = ?', query.entity);
  if (query.entityId) add('entity_id = ?', query.entityId);
  if (query.actorUserId) add('actor_user_id = ?', query.actorUserId);
  if (query.action) add('action = ?', query.action);
  if (query.from) add('occurred_at >= ?', query.from);
  if (query.to) add('occurred_at < ?', query.to);
  if (query.beforeId) add('id < ?', query.beforeId);
  values.push(query.limit + 1);
  const { rows } = await db.query<AuditEntry & { occurredAt: Date }>(
    `SELECT id, occurred_at AS "occurredAt", actor_user_id AS "actorUserId", actor_token_id AS "actorTokenId",
       actor_label AS "actorLabel", actor_role AS "actorRole", action, entity, entity_id AS "entityId", before, after,
       request_id AS "requestId", source
     FROM audit_entry WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $${values.length}`,
    values,
  );
  const items = rows
    .slice(0, query.limit)
    .map((row) => ({ ...row, occurredAt: row.occurredAt.toISOString() }));
  return { items, hasMore: rows.length > query.limit };
}

/** Audit entities that change who may open what (R3.5). */
export const permissionEntities = [
  'team_customer',
  'team_membership',
  'access_grant',
  'shared_door_grant',
  'area_rule',
  'customer_service',
  'access_path',
  'digital_key',
  'staff_member',
  'provider',
];

/**
 * Every permission change about one customer or one staff member, newest first. With
 * `providerId`, only changes that concern that provider (its teams, staff or services) — what a
 * work lead may see of a customer other providers also serve.
 */
export async function listPermissionHistory(
  db: Queryable,
  query: {
    municipalityId: string;
    customerId?: string;
    staffMemberId?: string;
    providerId?: string;
    limit: number;
  },
): Promise<AuditEntry[]> {
  const values: unknown[] = [query.municipalityId, permissionEntities];
  const about: string[] = [];
  const mentions = (key: string, id: string) => {
    values.push(JSON.stringify({ [key]: id }));
    const p = `$${values.length}::jsonb`;
    return `(after @> ${p} OR before @> ${p})`;
  };
  if (query.customerId) {
    values.push(query.customerId);
    about.push(
      `(entity = 'access_path' AND entity_id = $${values.length})`,
      mentions('customerId', query.customerId),
    );
  }
  if (query.staffMemberId) {
    values.push(query.staffMemberId);
    about.push(
      `(entity = 'staff_member' AND entity_id = $${values.length})`,
      mentions('staffMemberId', query.staffMemberId),
      mentions('holderStaffMemberId', query.staffMemberId),
    );
  }
  let providerFilter = '';
  if (query.providerId) {
    values.push(query.providerId);
    const p = `$${values.length}::text`;
    providerFilter = ` AND (coalesce(after, before)->>'providerId' = ${p}
      OR coalesce(after, before)->>'teamId' IN (SELECT id::text FROM team WHERE provider_id = ${p}::uuid)
      OR coalesce(after, before)->>'staffMemberId' IN (SELECT id::text FROM staff_member WHERE provider_id = ${p}::uuid)
      OR entity = 'access_path')`;
  }
  values.push(query.limit);
  const { rows } = await db.query<AuditEntry & { occurredAt: Date }>(
    `SELECT id, occurred_at AS "occurredAt", actor_user_id AS "actorUserId", actor_token_id AS "actorTokenId",
       actor_label AS "actorLabel", actor_role AS "actorRole", action, entity, entity_id AS "entityId", before, after,
       request_id AS "requestId", source
     FROM audit_entry WHERE municipality_id = $1 AND entity = ANY($2::text[]) AND (${about.join(' OR ')})${providerFilter}
     ORDER BY id DESC LIMIT $${values.length}`,
    values,
  );
  return rows.map((row) => ({ ...row, occurredAt: row.occurredAt.toISOString() }));
}
