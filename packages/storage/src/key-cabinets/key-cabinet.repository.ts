// The registry of key cabinets (docs/key-cabinets.md): scoped reads with their counts of keys
// held, out and overdue, and the writes. A provider's view (`providerId`) sees only its own
// cabinets; callers decide the scope and pass their transaction and clock.
import { createFirstRowQuery, createFirstValueQuery, type Queryable } from '../platform/queryable';
import { withIsoDates } from '../platform/rows';
import { createStatement } from '../platform/statements';

export interface KeyCabinetRow {
  id: string;
  name: string;
  location: string | null;
  slotCount: number;
  providerId: string;
  providerName: string;
  isEnrolled: boolean;
  keysHeld: number;
  keysOut: number;
  overdue: number;
  createdAt: string;
  retiredAt: string | null;
}

export interface KeyCabinetFilter {
  municipalityId: string;
  /** A provider's view: only its cabinets. */
  providerId?: string | undefined;
  id?: string | undefined;
  isRetiredIncluded?: boolean | undefined;
  /** For the overdue count. */
  now: Date;
  keyOutLimitMinutes: number;
}

/** Cabinets in scope, by name. */
export async function listKeyCabinets(db: Queryable, filter: KeyCabinetFilter): Promise<KeyCabinetRow[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT c.id, c.name, c.location, c.slot_count AS "slotCount", c.provider_id AS "providerId",
       p.name AS "providerName", c.created_at AS "createdAt", c.retired_at AS "retiredAt",
       EXISTS (SELECT 1 FROM device_enrolment e
         WHERE e.municipality_id = $1 AND e.key_cabinet_id = c.id AND e.revoked_at IS NULL) AS "isEnrolled",
       (SELECT count(*) FROM backup_key b WHERE b.municipality_id = $1 AND b.key_cabinet_id = c.id AND b.status = 'held')::int AS "keysHeld",
       (SELECT count(*) FROM key_cabinet_take t WHERE t.municipality_id = $1 AND t.key_cabinet_id = c.id
          AND t.taken_at IS NOT NULL AND t.returned_at IS NULL AND t.cancelled_at IS NULL)::int AS "keysOut",
       (SELECT count(*) FROM key_cabinet_take t WHERE t.municipality_id = $1 AND t.key_cabinet_id = c.id
          AND t.taken_at IS NOT NULL
          AND t.returned_at IS NULL AND t.cancelled_at IS NULL
          AND t.taken_at < $4::timestamptz - make_interval(mins => $5))::int AS "overdue"
     FROM key_cabinet c JOIN provider p ON p.municipality_id = c.municipality_id AND p.id = c.provider_id
     WHERE c.municipality_id = $1 AND ($2::uuid IS NULL OR c.provider_id = $2) AND ($3::uuid IS NULL OR c.id = $3)
       AND ($6 OR c.retired_at IS NULL)
     ORDER BY c.name, c.id`,
    [
      filter.municipalityId,
      filter.providerId ?? null,
      filter.id ?? null,
      filter.now,
      filter.keyOutLimitMinutes,
      filter.isRetiredIncluded ?? false,
    ],
  );
  return rows.map((row) => withIsoDates(row) as unknown as KeyCabinetRow);
}

/** One cabinet in scope (retired ones too), or undefined. */
export async function findKeyCabinet(
  db: Queryable,
  filter: Omit<KeyCabinetFilter, 'isRetiredIncluded'> & { id: string },
): Promise<KeyCabinetRow | undefined> {
  return (await listKeyCabinets(db, { ...filter, isRetiredIncluded: true }))[0];
}

/** The cabinet's row locked for a write in scope: its provider, slots and whether retired. */
export async function lockKeyCabinet(
  db: Queryable,
  municipalityId: string,
  id: string,
  providerId?: string,
): Promise<
  { id: string; providerId: string; slotCount: number; retiredAt: Date | null; name: string } | undefined
> {
  const { rows } = await db.query(
    `SELECT id, provider_id AS "providerId", slot_count AS "slotCount", retired_at AS "retiredAt", name
     FROM key_cabinet WHERE id = $1 AND municipality_id = $2 AND ($3::uuid IS NULL OR provider_id = $3)
     FOR UPDATE`,
    [id, municipalityId, providerId ?? null],
  );
  return rows[0] as
    { id: string; providerId: string; slotCount: number; retiredAt: Date | null; name: string } | undefined;
}

export async function insertKeyCabinet(
  db: Queryable,
  row: {
    municipalityId: string;
    providerId: string;
    name: string;
    location: string | null;
    slotCount: number;
  },
  at: Date,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO key_cabinet (municipality_id, provider_id, name, location, slot_count, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [row.municipalityId, row.providerId, row.name, row.location, row.slotCount, at],
  );
  return rows[0]!.id;
}

export async function updateKeyCabinet(
  db: Queryable,
  municipalityId: string,
  id: string,
  change: { name?: string | undefined; location?: string | null | undefined; slotCount?: number | undefined },
): Promise<void> {
  await db.query(
    `UPDATE key_cabinet SET name = coalesce($2, name),
       location = CASE WHEN $3 THEN $4 ELSE location END, slot_count = coalesce($5, slot_count)
     WHERE municipality_id = $6 AND id = $1`,
    [
      id,
      change.name ?? null,
      change.location !== undefined,
      change.location ?? null,
      change.slotCount ?? null,
      municipalityId,
    ],
  );
}

export const retireKeyCabinet = createStatement<[municipalityId: string, id: string, at: Date]>(
  'UPDATE key_cabinet SET retired_at = $3 WHERE municipality_id = $1 AND id = $2 AND retired_at IS NULL',
);

/** The highest slot holding a key or an open take (a cabinet cannot shrink below it), 0 if none. */
export async function findHighestSlotInUse(
  db: Queryable,
  municipalityId: string,
  id: string,
): Promise<number> {
  const { rows } = await db.query<{ slot: number | null }>(
    `SELECT greatest(
       (SELECT max(slot) FROM backup_key b WHERE b.municipality_id = $2 AND b.key_cabinet_id = $1 AND b.status = 'held'),
       (SELECT max(slot) FROM key_cabinet_take t WHERE t.municipality_id = $2 AND t.key_cabinet_id = $1
          AND t.returned_at IS NULL AND t.cancelled_at IS NULL)
     ) AS slot`,
    [id, municipalityId],
  );
  return rows[0]?.slot ?? 0;
}

/** A cabinet in use in the municipality, for enrolling its key (municipality scope). */
export const findKeyCabinetToEnrol = createFirstRowQuery<
  { id: string },
  [municipalityId: string, id: string]
>('SELECT id FROM key_cabinet WHERE id = $2 AND municipality_id = $1 AND retired_at IS NULL');

/** A cabinet's name (retired ones too), for the timeline of a case its take links to. */
export const findKeyCabinetName = createFirstValueQuery<string, [municipalityId: string, id: string]>(
  'SELECT name FROM key_cabinet WHERE municipality_id = $1 AND id = $2',
);
