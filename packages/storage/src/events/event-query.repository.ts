// Queries over the event log (docs/event-log.md "Queries"): per lock, door, customer (every door
// on the access path), staff member or key; refused only; time ranges; keyset paging newest
// first. Scope restrictions for work leads and lock managers are applied here, in SQL.
import { servedFromToday, type EventView, type ServicePeriod } from '@portvakt/core';
import { createExistenceCheck, hasAnyRow } from '../platform/queryable';
import type { DeviceEventRow } from './event-log.repository';
import { Params, scopeCondition, serviceDuring, type Queryable } from '../registry';

export type EventSubjectKind = 'lock' | 'door' | 'customer' | 'staff' | 'key';

/** What the caller sees of each row (core's eventViewFor). */
export type { EventView };

export interface EventQuery {
  municipalityId: string;
  /** Left out: every event of the municipality the view reaches (exports, docs/exports.md). */
  subject?: { kind: EventSubjectKind; id: string } | undefined;
  /** Only records locks wrote (a lock manager's reach without a subject: locks and doors, R10.3). */
  isLockRecordsOnly?: boolean | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  isRefusedOnly?: boolean | undefined;
  limit: number;
  cursor?: string | undefined;
  view?: EventView;
}

/** A record as queries answer it: its stored columns, instants as ISO text, and what it names. */
export interface StoredEvent extends Pick<
  DeviceEventRow,
  | 'deviceId'
  | 'sequence'
  | 'kind'
  | 'result'
  | 'reason'
  | 'battery'
  | 'keyId'
  | 'staffPseudonym'
  | 'lockNumber'
  | 'lockDeviceId'
  | 'doorId'
  | 'source'
> {
  occurredAt: string;
  deviceTime: string;
  receivedAt: string;
  staffMemberId: string | null;
  staffName: string | null;
  providerId: string | null;
  providerName: string | null;
  /** The door's label and kind when the caller may see that door (EventView.doorNames), else null. */
  doorLabel: string | null;
  doorKind: string | null;
  /** The lock's serial when the caller may read locks, else null (lockNumber is always there). */
  lockSerial: string | null;
  /** Block-list version the lock held after the event (protocol field 12). */
  blockListVersion: number | null;
  /** True: key and staff verified by the lock; false: identity unknown (see claimedKeyId). */
  verified: boolean | null;
  /** The key id an unverified attempt claimed: NOT verified, never attributed to anyone. */
  claimedKeyId: string | null;
  /** Aggregate records: how many events this record stands for, and the first one's time. */
  count: number | null;
  firstTime: string | null;
}

export class InvalidEventCursorError extends Error {}

function encodeCursor(event: { occurredAt: string; deviceId: string; sequence: number }): string {
  return Buffer.from(JSON.stringify([event.occurredAt, event.deviceId, event.sequence])).toString(
    'base64url',
  );
}

function decodeCursor(cursor: string): [string, string, number] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      typeof value[0] === 'string' &&
      !Number.isNaN(Date.parse(value[0])) &&
      typeof value[1] === 'string' &&
      /^[0-9a-f-]{36}$/.test(value[1]) &&
      Number.isInteger(value[2])
    )
      return value as [string, string, number];
  } catch {
    // below
  }
  throw new InvalidEventCursorError('invalid cursor');
}

/**
 * Whether a record's key and staff identify someone: only records a lock wrote with `verified`
 * true (issuer signature and proof of possession checked at that attempt; docs/protocol.md §6),
 * and records a key or phone wrote about itself (its identity is the enrolled device). A lock
 * record with `verified` false, or without the field, is never attributed to a person.
 */
export const attributableSql = (e: string) => `(${e}.verified IS TRUE OR ${e}.lock_device_id IS NULL)`;

/**
 * Resolves the subject to what the event table is indexed by (a lock id, door ids, a staff
 * pseudonym, a key id) before the event query, so the planner sees plain `=`/`= ANY` values
 * next to the partition-key range instead of subqueries. Undefined: the subject has no events.
 */
async function subjectFilter(
  db: Queryable,
  municipalityId: string,
  subject: { kind: EventSubjectKind; id: string },
  param: (value: unknown) => string,
  /** A provider's view: the customer's cabinet records only from its own cabinets. */
  providerId?: string,
): Promise<string | undefined> {
  switch (subject.kind) {
    case 'lock': {
      const { rows } = await db.query<{ id: string }>(
        'SELECT id FROM device_enrolment WHERE lock_device_id = $1 AND municipality_id = $2',
        [subject.id, municipalityId],
      );
      if (rows.length === 0) return undefined;
      return `e.device_id = ANY(${param(rows.map((r) => r.id))}::uuid[])`;
    }
    case 'door':
      return `e.door_id = ${param(subject.id)}::uuid`;
    case 'customer': {
      const { rows } = await db.query<{ doorId: string }>(
        'SELECT DISTINCT door_id AS "doorId" FROM access_path_step WHERE customer_id = $1 AND municipality_id = $2',
        [subject.id, municipalityId],
      );
      // Takes and returns of the customer's backup keys, from the cabinets' own records
      // (docs/key-cabinets.md); a provider's view only from its own cabinets.
      const cabinet = await db.query<{ deviceId: string; sequence: string }>(
        `SELECT t.key_cabinet_id AS "deviceId", s.sequence FROM key_cabinet_take t
           JOIN backup_key b ON b.municipality_id = t.municipality_id AND b.id = t.backup_key_id
           JOIN key_cabinet c ON c.municipality_id = t.municipality_id AND c.id = t.key_cabinet_id
           CROSS JOIN LATERAL (VALUES (t.take_sequence), (t.return_sequence)) s (sequence)
         WHERE b.customer_id = $1 AND b.municipality_id = $2 AND s.sequence IS NOT NULL
           AND ($3::uuid IS NULL OR c.provider_id = $3)`,
        [subject.id, municipalityId, providerId ?? null],
      );
      const parts: string[] = [];
      if (rows.length > 0) parts.push(`e.door_id = ANY(${param(rows.map((r) => r.doorId))}::uuid[])`);
      if (cabinet.rows.length > 0)
        parts.push(
          `(e.device_id, e.sequence) IN (SELECT * FROM unnest(${param(cabinet.rows.map((r) => r.deviceId))}::uuid[], ${param(cabinet.rows.map((r) => r.sequence))}::bigint[]))`,
        );
      if (parts.length === 0) return undefined;
      return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
    }
    case 'staff': {
      const { rows } = await db.query<{ pseudonym: string }>(
        'SELECT pseudonym FROM staff_member WHERE id = $1 AND municipality_id = $2',
        [subject.id, municipalityId],
      );
      if (rows.length === 0) return undefined;
      return `e.staff_pseudonym = ${param(rows[0]!.pseudonym)}::text AND ${attributableSql('e')}`;
    }
    case 'key':
      return `e.key_id = ${param(subject.id)}::uuid AND ${attributableSql('e')}`;
  }
}

/** Whether any record is held past retention in the municipality (then queries read both tables). */
export const hasHeldEvents = createExistenceCheck<[municipalityId: string]>(
  'SELECT 1 FROM device_event_held WHERE municipality_id = $1 LIMIT 1',
);

/**
 * Whether the subject exists in the municipality and, for a provider view, is in its reach during
 * `period`: a customer the provider served during the period (the registry's and the visit
 * list's rule, core ServicePeriod, through the same scopeCondition), a door or lock on the way in
 * of such a customer, its own staff and keys. Outside that the answer is false, exactly as for an
 * id that does not exist. Without a period, the registry's "today on".
 */
export async function isEventSubjectVisible(
  db: Queryable,
  municipalityId: string,
  subject: { kind: EventSubjectKind; id: string },
  view: EventView = {},
  period: ServicePeriod = servedFromToday,
): Promise<boolean> {
  const params = new Params();
  const id = params.add(subject.id);
  const m = params.add(municipalityId);
  const p = view.providerId;
  // Built only for the subject asked about: every parameter added must appear in the SQL.
  const reach = (door: string) => {
    if (!p) return 'true';
    const provider = params.add(p);
    return `${door} IN (SELECT a.door_id FROM access_path_step a
      JOIN customer_service cs ON cs.municipality_id = a.municipality_id AND cs.customer_id = a.customer_id
      WHERE a.municipality_id = ${m} AND ${serviceDuring('cs', provider, period, params)})`;
  };
  const sql = {
    lock: () =>
      `SELECT 1 FROM lock_device l WHERE l.id = ${id} AND l.municipality_id = ${m} AND ${reach('l.door_id')}`,
    door: () => `SELECT 1 FROM door d WHERE d.id = ${id} AND d.municipality_id = ${m} AND ${reach('d.id')}`,
    customer: () => {
      if (!p) return `SELECT 1 FROM customer t WHERE t.id = ${id} AND t.municipality_id = ${m}`;
      const inScope = scopeCondition(
        'customer',
        { kind: 'provider', municipalityId, providerId: p, servedDuring: period },
        params,
      );
      return `SELECT 1 FROM customer t WHERE t.id = ${id} AND t.municipality_id = ${m} AND ${inScope}`;
    },
    staff: () =>
      `SELECT 1 FROM staff_member s WHERE s.id = ${id} AND s.municipality_id = ${m}${p ? ` AND s.provider_id = ${params.add(p)}` : ''}`,
    key: () =>
      `SELECT 1 FROM digital_key k WHERE k.id = ${id} AND k.municipality_id = ${m}${p ? ` AND k.provider_id = ${params.add(p)}` : ''}`,
  }[subject.kind]();
  return hasAnyRow(db, sql, params.values);
}

/** Service days are Swedish local days (servicePeriodOf's zone). */
const eventDayTimeZone = 'Europe/Stockholm';

/**
 * The SQL condition for "provider `p` served a customer of municipality `m` whose way in includes
 * `e`'s door on the event's day": the day in Europe/Stockholm, like service periods everywhere
 * (core ServicePeriod). `p` and `m` are parameter references.
 */
export function servedOnEventDaySql(e: string, p: string, m: string): string {
  const day = `(${e}.occurred_at AT TIME ZONE '${eventDayTimeZone}')::date`;
  return `${e}.door_id IN (SELECT a.door_id FROM access_path_step a
      JOIN customer_service cs ON cs.municipality_id = a.municipality_id AND cs.customer_id = a.customer_id
      WHERE a.municipality_id = ${m} AND cs.provider_id = ${p} AND (cs.ends_on IS NULL OR cs.ends_on >= ${day}) AND cs.starts_on <= ${day})`;
}

/** The rows of the event table a query reaches, as SQL over `e` (shared by the list and its count). */
interface EventSelection {
  params: unknown[];
  /** The municipality's parameter reference; the statements filter `e` by it themselves. */
  municipality: string;
  param: (value: unknown) => string;
  where: string[];
  providerJoin: string;
  own: string;
  inReach: string;
}

/** Undefined: the subject has no events. */
async function selectEventRows(
  db: Queryable,
  query: Omit<EventQuery, 'limit'>,
): Promise<EventSelection | undefined> {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const subject = query.subject
    ? await subjectFilter(db, query.municipalityId, query.subject, param, query.view?.providerId)
    : 'true';
  if (subject === undefined) return undefined;
  const municipality = `${param(query.municipalityId)}::uuid`;
  const where = [subject];
  // Explicit bounds on the partition key: the planner prunes months at plan time.
  if (query.from) where.push(`e.occurred_at >= ${param(query.from)}::timestamptz`);
  if (query.to) where.push(`e.occurred_at < ${param(query.to)}::timestamptz`);
  if (query.isRefusedOnly) where.push('e.result = 1');
  if (query.isLockRecordsOnly) where.push('e.lock_device_id IS NOT NULL');
  if (query.cursor) {
    const [t, d, s] = decodeCursor(query.cursor);
    const at = param(t);
    where.push(`e.occurred_at <= ${at}::timestamptz`);
    where.push(
      `(e.occurred_at, e.device_id, e.sequence) < (${at}::timestamptz, ${param(d)}::uuid, ${param(s)}::bigint)`,
    );
  }
  const view = query.view ?? {};
  let own = 'true';
  let providerJoin = '';
  // Provider view: the door is on the way in of a customer the provider served on that day.
  let inReach = 'true';
  if (view.providerId) {
    const p = param(view.providerId);
    providerJoin = `LEFT JOIN staff_member vs ON vs.municipality_id = e.municipality_id AND vs.pseudonym = e.staff_pseudonym AND ${attributableSql('e')}
      LEFT JOIN digital_key vk ON vk.municipality_id = e.municipality_id AND vk.id = e.key_id AND ${attributableSql('e')}`;
    own = `(vs.provider_id = ${p} OR vk.provider_id = ${p})`;
    inReach = servedOnEventDaySql('e', p, municipality);
    where.push(`(${own} OR ${inReach})`);
  }
  return { params, municipality, param, where, providerJoin, own, inReach };
}

/** How many events a query reaches (every page of it), as the view sees them. */
export async function countEvents(
  db: Queryable,
  query: Omit<EventQuery, 'limit' | 'cursor'>,
): Promise<number> {
  const selection = await selectEventRows(db, query);
  if (!selection) return 0;
  const table = (await hasHeldEvents(db, query.municipalityId)) ? 'device_event_all' : 'device_event';
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM ${table} e ${selection.providerJoin}
     WHERE e.municipality_id = ${selection.municipality} AND ${selection.where.join(' AND ')}`,
    selection.params,
  );
  return Number(rows[0]!.n);
}

/** Lists a subject's events (without a subject, the municipality's), newest first. */
export async function listEvents(
  db: Queryable,
  query: EventQuery,
): Promise<{ items: StoredEvent[]; nextCursor: string | null }> {
  const selection = await selectEventRows(db, query);
  if (selection === undefined) return { items: [], nextCursor: null };
  const { params, municipality, param, where, providerJoin, own, inReach } = selection;
  const view = query.view ?? {};
  // A work lead's own staff also open doors outside the provider's reach (a refusal at a
  // neighbour's door): the row is theirs, but that door's name is not.
  const showDoor = { all: 'true', reach: 'e.in_reach', none: 'false' }[view.doorNames ?? 'none'];
  const table = (await hasHeldEvents(db, query.municipalityId)) ? 'device_event_all' : 'device_event';
  const limit = param(query.limit + 1);
  // The page is chosen on the event table alone (index order = result order), then the few rows
  // are joined to people. Unverified records name nobody: their claimed key id is shown apart.
  const showIdentity = view.maskIdentities ? 'false' : `(e.own AND ${attributableSql('e')})`;
  const { rows } = await db.query<
    Omit<StoredEvent, 'occurredAt' | 'deviceTime' | 'receivedAt' | 'firstTime'> &
      Record<'occurredAt' | 'deviceTime' | 'receivedAt', Date> & { firstTime: Date | null }
  >(
    `SELECT e.device_id AS "deviceId", e.sequence, e.occurred_at AS "occurredAt", e.device_time AS "deviceTime",
       e.received_at AS "receivedAt", e.kind, e.result, e.reason, e.battery, e.lock_number AS "lockNumber",
       e.lock_device_id AS "lockDeviceId", e.door_id AS "doorId", e.source,
       e.block_list_version AS "blockListVersion", e.verified, e.event_count AS "count",
       e.first_time AS "firstTime",
       CASE WHEN ${view.maskIdentities ? 'false' : 'e.own'} THEN e.claimed_key_id END AS "claimedKeyId",
       CASE WHEN ${showIdentity} THEN e.key_id END AS "keyId",
       CASE WHEN ${showIdentity} THEN e.staff_pseudonym END AS "staffPseudonym",
       CASE WHEN ${showIdentity} THEN s.id END AS "staffMemberId",
       CASE WHEN ${showIdentity} THEN s.given_name || ' ' || s.family_name END AS "staffName",
       CASE WHEN ${showIdentity} THEN coalesce(s.provider_id, k.provider_id) END AS "providerId",
       CASE WHEN ${showIdentity} THEN p.name END AS "providerName",
       CASE WHEN ${showDoor} THEN d.label END AS "doorLabel",
       CASE WHEN ${showDoor} THEN d.kind END AS "doorKind",
       CASE WHEN ${view.showLockSerials ? 'true' : 'false'} THEN l.serial END AS "lockSerial"
     FROM (
       SELECT e.*, ${own} AS own, ${view.doorNames === 'reach' ? inReach : 'true'} AS in_reach
       FROM ${table} e ${providerJoin}
       WHERE e.municipality_id = ${municipality} AND ${where.join(' AND ')}
       ORDER BY e.occurred_at DESC, e.device_id DESC, e.sequence DESC
       LIMIT ${limit}
     ) e
       LEFT JOIN staff_member s ON s.municipality_id = e.municipality_id AND s.pseudonym = e.staff_pseudonym
       LEFT JOIN digital_key k ON k.municipality_id = e.municipality_id AND k.id = e.key_id
       LEFT JOIN provider p ON p.municipality_id = e.municipality_id AND p.id = coalesce(s.provider_id, k.provider_id)
       LEFT JOIN door d ON d.id = e.door_id AND d.municipality_id = e.municipality_id
       LEFT JOIN lock_device l ON l.id = e.lock_device_id AND l.municipality_id = e.municipality_id
     ORDER BY e.occurred_at DESC, e.device_id DESC, e.sequence DESC`,
    params,
  );
  const num = (v: number | null) => (v === null ? null : Number(v));
  const items: StoredEvent[] = rows.slice(0, query.limit).map((row) => ({
    ...row,
    sequence: Number(row.sequence),
    lockNumber: num(row.lockNumber),
    blockListVersion: num(row.blockListVersion),
    count: num(row.count),
    firstTime: row.firstTime?.toISOString() ?? null,
    occurredAt: row.occurredAt.toISOString(),
    deviceTime: row.deviceTime.toISOString(),
    receivedAt: row.receivedAt.toISOString(),
  }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}
