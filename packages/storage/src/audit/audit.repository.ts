import pg from 'pg';
import { selectIdPage, type IdPage } from '../platform/id-page';
import type { Queryable } from '../platform/queryable';

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

const auditColumns = `municipality_id, actor_user_id, actor_token_id, actor_label, actor_role, action, entity,
       entity_id, before, after, request_id, source`;
const auditColumnCount = 12;
/** Entries per statement: 12 parameters each, far below PostgreSQL's 65,535. */
const maxGroupSize = 256;

function auditValues(record: AuditRecord): unknown[] {
  return [
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
  ];
}

/** One statement for all `rows` (each `auditValues`), chained in the order given (the trigger runs row by row). */
async function insertAuditRows(db: Queryable, rows: readonly unknown[][]): Promise<void> {
  const placeholders = rows.map(
    (_, row) =>
      `(${Array.from({ length: auditColumnCount }, (_, column) => `$${row * auditColumnCount + column + 1}`).join(', ')})`,
  );
  await db.query(`INSERT INTO audit_entry (${auditColumns}) VALUES ${placeholders.join(', ')}`, rows.flat());
}

function insertAuditEntries(db: Queryable, records: readonly AuditRecord[]): Promise<void> {
  return insertAuditRows(db, records.map(auditValues));
}

interface PendingEntry {
  record: AuditRecord;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for entries of one chain (a municipality's, or `global`) written outside a
 * transaction. Every entry of a municipality joins one hash chain whose end row is locked from
 * the insert until its commit, so single-entry statements serialise on that lock and one WAL flush
 * each: under 64 concurrent activations the audit insert was most of an activation's time. Entries
 * that arrive while a statement is in flight are written together by the next one. Each caller
 * still returns only after its own entry is committed, and a statement refused by a constraint is
 * retried entry by entry, so one bad entry fails alone and no entry is lost silently. One writer
 * per chain: a statement waiting for one municipality's chain row must not hold up the entries of
 * the others (a login elsewhere used to wait for another municipality's long import).
 */
class AuditGroupWriter {
  private readonly pending: PendingEntry[] = [];
  private isWriting = false;

  constructor(private readonly db: Queryable) {}

  append(record: AuditRecord): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ record, resolve, reject });
      if (!this.isWriting) void this.writePending();
    });
  }

  private async writePending(): Promise<void> {
    this.isWriting = true;
    try {
      while (this.pending.length > 0) {
        const group = this.pending.splice(0, maxGroupSize);
        try {
          await insertAuditEntries(
            this.db,
            group.map((entry) => entry.record),
          );
          for (const entry of group) entry.resolve();
        } catch (error) {
          if (group.length === 1 || !isRefusedByData(error)) {
            for (const entry of group) entry.reject(error);
            continue;
          }
          for (const entry of group) {
            await insertAuditEntries(this.db, [entry.record]).then(entry.resolve, entry.reject);
          }
        }
      }
    } finally {
      this.isWriting = false;
    }
  }
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint): the entry, not the server. */
function isRefusedByData(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/** A pool's group writers, by chain: the municipality's id, or `global`. */
const groupWriters = new WeakMap<pg.Pool, Map<string, AuditGroupWriter>>();

/** Entries held back on a session by `withAuditEntriesLast`, as their column values. */
const heldEntries = new WeakMap<Queryable, unknown[][]>();

/**
 * Appends one entry to the audit trail (the table refuses updates and deletes). On a pool the
 * entry is group-committed with concurrent ones of its chain (`AuditGroupWriter`); inside a
 * transaction it is written by that transaction, so it commits or rolls back with the change it
 * records (at the end of the work, under `withAuditEntriesLast`).
 */
export async function appendAudit(db: Queryable, record: AuditRecord): Promise<void> {
  if (!isPool(db)) {
    const held = heldEntries.get(db);
    // The values are taken now: the entry records the change as it was when it was made.
    if (held) held.push(auditValues(record));
    else await insertAuditEntries(db, [record]);
    return;
  }
  let writers = groupWriters.get(db);
  if (!writers) {
    writers = new Map();
    groupWriters.set(db, writers);
  }
  const chain = record.municipalityId ?? 'global';
  let writer = writers.get(chain);
  if (!writer) {
    writer = new AuditGroupWriter(db);
    writers.set(chain, writer);
  }
  return writer.append(record);
}

/**
 * Runs `work` in the transaction open on `client` with every audit entry appended on `client`
 * held back, then writes them all, in the order they were appended, in statements of
 * `maxGroupSize` entries. An entry locks its municipality's chain row from its insert to the
 * commit (docs/event-log.md "Audit trail"); a long transaction, a care-system import of thousands
 * of rows, would otherwise hold it, and every login and audited write of that municipality with
 * it, from its first change to its commit. The entries still commit or roll back with the work.
 */
export async function withAuditEntriesLast<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  if (heldEntries.has(client)) return work();
  const held: unknown[][] = [];
  heldEntries.set(client, held);
  try {
    const value = await work();
    heldEntries.delete(client);
    for (let start = 0; start < held.length; start += maxGroupSize)
      await insertAuditRows(client, held.slice(start, start + maxGroupSize));
    return value;
  } finally {
    // Never left on a pooled session: its next user's entries would be held and lost.
    heldEntries.delete(client);
  }
}

/** A pool hands each statement its own connection; a client is one session (maybe in a transaction). */
function isPool(db: Queryable): db is pg.Pool {
  return db instanceof pg.Pool;
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

/** Who acted, as the audit trail and the event read log store it beside each entry. */
export interface RecordedActor {
  actorUserId: string | null;
  actorTokenId: string | null;
  actorLabel: string;
  actorRole: string | null;
}

export interface AuditEntry extends RecordedActor {
  id: number;
  occurredAt: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  source: string;
}

/** An audit entry's columns as AuditEntry names them. */
const auditEntryColumns = `id, occurred_at AS "occurredAt", actor_user_id AS "actorUserId", actor_token_id AS "actorTokenId",
       actor_label AS "actorLabel", actor_role AS "actorRole", action, entity, entity_id AS "entityId", before, after,
       request_id AS "requestId", source`;

function presentAuditEntry<T extends AuditEntry>(row: T & { occurredAt: Date }): T {
  return { ...row, occurredAt: row.occurredAt.toISOString() };
}

/** An entry of the audit trail with the name of the account that acted. */
export interface AuditTrailEntry extends AuditEntry {
  /** The acting account's name (a blank name as null); null for a token, a device, a job, a link. */
  actorName: string | null;
}

/**
 * The acting account's name, from its own municipality only. The trail is read only by the
 * municipality's own roles (core's policy for `audit_entry`), who may know the names of all its
 * accounts, its staff's and its organisations' people's alike, so no row is withheld or narrowed;
 * permission history, which work leads read, does not select it.
 */
const actorNameColumn = `(SELECT NULLIF(btrim(u.display_name), '') FROM user_account u
       WHERE u.municipality_id = audit_entry.municipality_id AND u.id = audit_entry.actor_user_id
       /* sharding: a column of listAudit's statement, routed by selectIdPage's municipality parameter */) AS "actorName"`;

/** Lists audit entries newest first, paged by id. An empty filter filters nothing. */
export async function listAudit(db: Queryable, query: AuditQuery): Promise<IdPage<AuditTrailEntry>> {
  return selectIdPage<AuditTrailEntry & { occurredAt: Date }, AuditTrailEntry>(
    db,
    {
      columns: `${auditEntryColumns}, ${actorNameColumn}`,
      table: 'audit_entry',
      filters: [
        ['entity = ?', query.entity || undefined],
        ['entity_id = ?', query.entityId || undefined],
        ['actor_user_id = ?', query.actorUserId || undefined],
        ['action = ?', query.action || undefined],
        ['occurred_at >= ?', query.from || undefined],
        ['occurred_at < ?', query.to || undefined],
      ],
    },
    query,
    presentAuditEntry,
  );
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
      OR coalesce(after, before)->>'teamId' IN (SELECT id::text FROM team WHERE municipality_id = $1 AND provider_id = ${p}::uuid)
      OR coalesce(after, before)->>'staffMemberId' IN (SELECT id::text FROM staff_member WHERE municipality_id = $1 AND provider_id = ${p}::uuid)
      OR entity = 'access_path')`;
  }
  values.push(query.limit);
  const { rows } = await db.query<AuditEntry & { occurredAt: Date }>(
    `SELECT ${auditEntryColumns}
     FROM audit_entry WHERE municipality_id = $1 AND entity = ANY($2::text[]) AND (${about.join(' OR ')})${providerFilter}
     ORDER BY id DESC LIMIT $${values.length}`,
    values,
  );
  return rows.map(presentAuditEntry);
}
