// Queries over the event log (docs/event-log.md "Queries"): per lock, door, customer (every door
// on the access path), staff member or key; refused only; time ranges; keyset paging newest
// first. Scope restrictions for work leads and lock managers are applied here, in SQL.
import type { Queryable } from './registry.repository';

export type EventSubjectKind = 'lock' | 'door' | 'customer' | 'staff' | 'key';

export interface EventView {
  /** Work leads: only their provider's staff and keys, and their provider's customers' doors. */
  providerId?: string | undefined;
  /** Hide who opened (key, staff): lock managers, and other providers' staff for work leads. */
  maskIdentities?: boolean | undefined;
}

export interface EventQuery {
  municipalityId: string;
  subject: { kind: EventSubjectKind; id: string };
  from?: Date | undefined;
  to?: Date | undefined;
  isRefusedOnly?: boolean | undefined;
  limit: number;
  cursor?: string | undefined;
  view?: EventView;
}

export interface StoredEvent {
  deviceId: string;
  sequence: number;
  occurredAt: string;
  deviceTime: string;
  receivedAt: string;
  kind: number;
  result: number;
  reason: number;
  battery: number;
  keyId: string | null;
  staffPseudonym: string | null;
  staffMemberId: string | null;
  staffName: string | null;
  providerId: string | null;
  providerName: string | null;
  lockNumber: number | null;
  lockDeviceId: string | null;
  doorId: string | null;
  source: string;
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

/** The SQL condition selecting a subject's events ($2 = subject id, $1 = municipality). */
function subjectCondition(kind: EventSubjectKind): string {
  switch (kind) {
    case 'lock':
      return `e.device_id IN (SELECT id FROM device_enrolment WHERE lock_device_id = $2 AND municipality_id = $1)`;
    case 'door':
      return `e.door_id = $2`;
    case 'customer':
      return `e.door_id IN (SELECT door_id FROM access_path_step WHERE customer_id = $2)`;
    case 'staff':
      return `e.staff_pseudonym = (SELECT pseudonym FROM staff_member WHERE id = $2 AND municipality_id = $1)`;
    case 'key':
      return `e.key_id = $2`;
  }
}

/** Whether the subject exists in the municipality and, for a provider view, is in its reach. */
export async function isEventSubjectVisible(
  db: Queryable,
  municipalityId: string,
  subject: { kind: EventSubjectKind; id: string },
  view: EventView = {},
): Promise<boolean> {
  const p = view.providerId ?? null;
  const sql = {
    lock: `SELECT 1 FROM lock_device l WHERE l.id = $2 AND l.municipality_id = $1 AND ($3::uuid IS NULL OR l.door_id IN
      (SELECT a.door_id FROM access_path_step a JOIN customer_service cs ON cs.customer_id = a.customer_id WHERE cs.provider_id = $3))`,
    door: `SELECT 1 FROM door d WHERE d.id = $2 AND d.municipality_id = $1 AND ($3::uuid IS NULL OR d.id IN
      (SELECT a.door_id FROM access_path_step a JOIN customer_service cs ON cs.customer_id = a.customer_id WHERE cs.provider_id = $3))`,
    customer: `SELECT 1 FROM customer c WHERE c.id = $2 AND c.municipality_id = $1 AND ($3::uuid IS NULL OR EXISTS
      (SELECT 1 FROM customer_service cs WHERE cs.customer_id = c.id AND cs.provider_id = $3))`,
    staff: `SELECT 1 FROM staff_member s WHERE s.id = $2 AND s.municipality_id = $1 AND ($3::uuid IS NULL OR s.provider_id = $3)`,
    key: `SELECT 1 FROM digital_key k WHERE k.id = $2 AND k.municipality_id = $1 AND ($3::uuid IS NULL OR k.provider_id = $3)`,
  }[subject.kind];
  const { rows } = await db.query(sql, [municipalityId, subject.id, p]);
  return rows.length > 0;
}

/** Lists a subject's events, newest first. */
export async function listEvents(
  db: Queryable,
  query: EventQuery,
): Promise<{ items: StoredEvent[]; nextCursor: string | null }> {
  const params: unknown[] = [query.municipalityId, query.subject.id];
  const where = ['e.municipality_id = $1', subjectCondition(query.subject.kind)];
  if (query.from) {
    params.push(query.from);
    where.push(`e.occurred_at >= $${params.length}`);
  }
  if (query.to) {
    params.push(query.to);
    where.push(`e.occurred_at < $${params.length}`);
  }
  if (query.isRefusedOnly) where.push('e.result = 1');
  if (query.cursor) {
    const [t, d, s] = decodeCursor(query.cursor);
    params.push(t, d, s);
    const n = params.length;
    where.push(
      `(e.occurred_at, e.device_id, e.sequence) < ($${n - 2}::timestamptz, $${n - 1}::uuid, $${n}::bigint)`,
    );
  }
  const view = query.view ?? {};
  let ownCondition = 'true';
  if (view.providerId) {
    params.push(view.providerId);
    const p = `$${params.length}`;
    ownCondition = `(s.provider_id = ${p} OR k.provider_id = ${p})`;
    where.push(`(${ownCondition} OR e.door_id IN (SELECT a.door_id FROM access_path_step a
      JOIN customer_service cs ON cs.customer_id = a.customer_id
      WHERE cs.provider_id = ${p} AND (cs.ends_on IS NULL OR cs.ends_on >= e.occurred_at::date)
        AND cs.starts_on <= e.occurred_at::date))`);
  }
  const showIdentity = view.maskIdentities ? 'false' : ownCondition;
  params.push(query.limit + 1);
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT e.device_id AS "deviceId", e.sequence, e.occurred_at AS "occurredAt", e.device_time AS "deviceTime",
       e.received_at AS "receivedAt", e.kind, e.result, e.reason, e.battery, e.lock_number AS "lockNumber",
       e.lock_device_id AS "lockDeviceId", e.door_id AS "doorId", e.source,
       CASE WHEN ${showIdentity} THEN e.key_id END AS "keyId",
       CASE WHEN ${showIdentity} THEN e.staff_pseudonym END AS "staffPseudonym",
       CASE WHEN ${showIdentity} THEN s.id END AS "staffMemberId",
       CASE WHEN ${showIdentity} THEN s.given_name || ' ' || s.family_name END AS "staffName",
       CASE WHEN ${showIdentity} THEN coalesce(s.provider_id, k.provider_id) END AS "providerId",
       CASE WHEN ${showIdentity} THEN p.name END AS "providerName"
     FROM device_event_all e
       LEFT JOIN staff_member s ON s.pseudonym = e.staff_pseudonym
       LEFT JOIN digital_key k ON k.id = e.key_id
       LEFT JOIN provider p ON p.id = coalesce(s.provider_id, k.provider_id)
     WHERE ${where.join(' AND ')}
     ORDER BY e.occurred_at DESC, e.device_id DESC, e.sequence DESC
     LIMIT $${params.length}`,
    params,
  );
  const iso = (v: unknown) => (v as Date).toISOString();
  const items = rows.slice(0, query.limit).map(
    (row) =>
      ({
        ...row,
        sequence: Number(row.sequence),
        lockNumber: row.lockNumber === null ? null : Number(row.lockNumber),
        occurredAt: iso(row.occurredAt),
        deviceTime: iso(row.deviceTime),
        receivedAt: iso(row.receivedAt),
      }) as StoredEvent,
  );
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}
