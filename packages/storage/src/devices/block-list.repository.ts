import type { Queryable } from '../registry';
import { createColumnQuery, createRowsQuery } from '../platform/queryable';

/**
 * Puts a key on the municipality's block list (once) and bumps the list's version. Returns the
 * version the key entered with. Call inside the transaction that blocks the key.
 */
export async function addToBlockList(
  db: Queryable,
  entry: { municipalityId: string; digitalKeyId: string; reason: string; blockedBy: string },
): Promise<number> {
  const existing = await db.query<{ version: number }>(
    'SELECT added_in_version AS version FROM block_list_entry WHERE municipality_id = $1 AND digital_key_id = $2',
    [entry.municipalityId, entry.digitalKeyId],
  );
  if (existing.rows[0]) return existing.rows[0].version;
  const { rows } = await db.query<{ version: number }>(
    'UPDATE municipality SET block_list_version = block_list_version + 1 WHERE id = $1 RETURNING block_list_version AS version',
    [entry.municipalityId],
  );
  const version = rows[0]!.version;
  await db.query(
    `INSERT INTO block_list_entry (municipality_id, digital_key_id, added_in_version, reason, blocked_by)
     VALUES ($1, $2, $3, $4, $5)`,
    [entry.municipalityId, entry.digitalKeyId, version, entry.reason, entry.blockedBy],
  );
  return version;
}

export interface BlockListState {
  version: number;
  entries: Array<{ digitalKeyId: string; addedInVersion: number; reason: string; blockedAt: string }>;
}

/** The municipality's current block list. */
export async function readBlockList(db: Queryable, municipalityId: string): Promise<BlockListState> {
  return readBlockListEntries(db, municipalityId, false);
}

/** The active keys a staff member holds (to block them when employment ends). */
export const listActiveKeysOfHolder = createColumnQuery<
  string,
  [municipalityId: string, staffMemberId: string]
>(
  "SELECT id FROM digital_key WHERE municipality_id = $1 AND holder_staff_member_id = $2 AND status = 'active'",
);

/**
 * The active keys whose holder's employment ended before `today` (the municipality's local day,
 * YYYY-MM-DD), locked for the employment-end sweep's transaction: a run waiting on another's lock
 * sees the key blocked by then and leaves it out.
 */
export const listActiveKeysOfEndedEmployments = createColumnQuery<
  string,
  [municipalityId: string, today: string]
>(
  `SELECT k.id FROM digital_key k
   JOIN staff_member s ON s.municipality_id = k.municipality_id AND s.id = k.holder_staff_member_id
   WHERE k.municipality_id = $1 AND k.status = 'active' AND s.employment_ends_on < $2::date
   ORDER BY k.id FOR UPDATE OF k`,
);

/** Active services a provider delivers (to check a change of the provider's kinds). */
export const listActiveServicesOfProvider = createRowsQuery<
  { service: string },
  [municipalityId: string, providerId: string]
>(
  `SELECT DISTINCT service FROM customer_service
   WHERE municipality_id = $1 AND provider_id = $2 AND (ends_on IS NULL OR ends_on >= current_date)`,
);

/** Number of doors on a customer's access path. */
export async function countAccessPathDoors(
  db: Queryable,
  municipalityId: string,
  customerId: string,
): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM access_path_step WHERE municipality_id = $1 AND customer_id = $2',
    [municipalityId, customerId],
  );
  return rows[0]!.n;
}

/**
 * The block list locks still need: entries whose key may hold a ticket that has not expired.
 * A blocked key gets no new tickets, so once its last ticket has expired no lock can be opened
 * with it and the entry can leave the list (keeping the signed list small).
 */
export async function readLiveBlockList(db: Queryable, municipalityId: string): Promise<BlockListState> {
  return readBlockListEntries(db, municipalityId, true);
}

async function readBlockListEntries(
  db: Queryable,
  municipalityId: string,
  isLiveOnly: boolean,
): Promise<BlockListState> {
  const version = await db.query<{ version: number }>(
    'SELECT block_list_version AS version FROM municipality WHERE id = $1',
    [municipalityId],
  );
  const { rows } = await db.query<{
    digitalKeyId: string;
    addedInVersion: number;
    reason: string;
    blockedAt: Date;
  }>(
    `SELECT b.digital_key_id AS "digitalKeyId", b.added_in_version AS "addedInVersion", b.reason, b.blocked_at AS "blockedAt"
     FROM block_list_entry b
       LEFT JOIN key_credential k ON k.municipality_id = b.municipality_id AND k.digital_key_id = b.digital_key_id
     WHERE b.municipality_id = $1 AND (NOT $2 OR k.last_ticket_expires_at > now()) ORDER BY b.added_in_version`,
    [municipalityId, isLiveOnly],
  );
  return {
    version: version.rows[0]?.version ?? 1,
    entries: rows.map((row) => ({ ...row, blockedAt: row.blockedAt.toISOString() })),
  };
}

/**
 * Names of the holders of the given keys of one municipality, by key id, limited to the holders
 * the caller may be told about (core `holderNameReach`). Keys without a holder, or whose holder
 * is outside the reach, are absent.
 */
export async function findKeyHolderNames(
  db: Queryable,
  municipalityId: string,
  keyIds: readonly string[],
  reach: { providerId?: string; staffMemberId?: string },
): Promise<Map<string, string>> {
  if (keyIds.length === 0) return new Map();
  const { rows } = await db.query<{ keyId: string; name: string }>(
    `SELECT k.id AS "keyId", s.given_name || ' ' || s.family_name AS name
     FROM digital_key k JOIN staff_member s ON s.id = k.holder_staff_member_id
     WHERE k.id = ANY($1::uuid[]) AND k.municipality_id = $2 AND s.municipality_id = $2
       AND ($3::uuid IS NULL OR s.provider_id = $3) AND ($4::uuid IS NULL OR s.id = $4)`,
    [keyIds, municipalityId, reach.providerId ?? null, reach.staffMemberId ?? null],
  );
  return new Map(rows.map((row) => [row.keyId, row.name]));
}

export interface RelevantLockReport {
  lockId: string;
  serial: string;
  lockNumber: number | null;
  doorLabel: string;
  doorKind: string;
  streetAddress: string;
  reportedVersion: number | null;
  reportedAt: string | null;
}

/**
 * The block-list state of one key: its entry (if any), the municipality's current version, and
 * the installed locks relevant to it — those on the doors of the way in of customers the key's
 * provider serves (ongoing or agreed services) — with the version each lock last reported.
 * Lagging locks first (lowest version), then by address and door.
 */
export async function readKeyBlockListReach(
  db: Queryable,
  municipalityId: string,
  key: { id: string; providerId: string },
): Promise<{
  version: number;
  entry: { addedInVersion: number; reason: string; blockedAt: string } | undefined;
  locks: RelevantLockReport[];
}> {
  const version = await db.query<{ version: number }>(
    'SELECT block_list_version AS version FROM municipality WHERE id = $1',
    [municipalityId],
  );
  const entry = await db.query<{ addedInVersion: number; reason: string; blockedAt: Date }>(
    `SELECT added_in_version AS "addedInVersion", reason, blocked_at AS "blockedAt"
     FROM block_list_entry WHERE municipality_id = $1 AND digital_key_id = $2`,
    [municipalityId, key.id],
  );
  const { rows } = await db.query<Omit<RelevantLockReport, 'reportedAt'> & { reportedAt: Date | null }>(
    `SELECT l.id AS "lockId", l.serial, l.lock_number AS "lockNumber", d.label AS "doorLabel",
       d.kind AS "doorKind", p.street_address AS "streetAddress", r.version AS "reportedVersion",
       r.reported_at AS "reportedAt"
     FROM lock_device l
       JOIN door d ON d.municipality_id = l.municipality_id AND d.id = l.door_id
       JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id
       LEFT JOIN lock_block_list_report r ON r.municipality_id = l.municipality_id AND r.lock_device_id = l.id
     WHERE l.municipality_id = $1 AND l.status = 'installed'
       AND l.door_id IN (SELECT a.door_id FROM access_path_step a
         JOIN customer_service cs ON cs.municipality_id = a.municipality_id AND cs.customer_id = a.customer_id
         WHERE a.municipality_id = $1 AND cs.provider_id = $2
           AND (cs.ends_on IS NULL OR cs.ends_on >= (now() AT TIME ZONE 'Europe/Stockholm')::date))
     ORDER BY coalesce(r.version, 0), p.street_address, d.label, l.serial`,
    [municipalityId, key.providerId],
  );
  const found = entry.rows[0];
  return {
    version: version.rows[0]?.version ?? 1,
    entry: found ? { ...found, blockedAt: found.blockedAt.toISOString() } : undefined,
    locks: rows.map((row) => ({ ...row, reportedAt: row.reportedAt?.toISOString() ?? null })),
  };
}

/** Installed locks and the block-list version each last reported holding, least up to date first. */
export const listLockBlockListReports = createRowsQuery<
  {
    lockId: string;
    serial: string;
    version: number | null;
    reportedAt: Date | null;
  },
  [municipalityId: string]
>(`SELECT l.id AS "lockId", l.serial, r.version, r.reported_at AS "reportedAt" FROM lock_device l
   LEFT JOIN lock_block_list_report r ON r.municipality_id = l.municipality_id AND r.lock_device_id = l.id
   WHERE l.municipality_id = $1 AND l.status = 'installed' ORDER BY coalesce(r.version, 0), l.serial LIMIT 5000`);

/** The ids of a provider's digital keys. */
export const listKeyIdsOfProvider = createColumnQuery<string, [municipalityId: string, providerId: string]>(
  'SELECT id FROM digital_key WHERE municipality_id = $1 AND provider_id = $2',
);
