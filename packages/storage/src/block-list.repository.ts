import type { Queryable } from './registry.repository';

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
    `SELECT digital_key_id AS "digitalKeyId", added_in_version AS "addedInVersion", reason, blocked_at AS "blockedAt"
     FROM block_list_entry WHERE municipality_id = $1 ORDER BY added_in_version`,
    [municipalityId],
  );
  return {
    version: version.rows[0]?.version ?? 1,
    entries: rows.map((row) => ({ ...row, blockedAt: row.blockedAt.toISOString() })),
  };
}

/** The active keys a staff member holds (to block them when employment ends). */
export async function listActiveKeysOfHolder(db: Queryable, staffMemberId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    "SELECT id FROM digital_key WHERE holder_staff_member_id = $1 AND status = 'active'",
    [staffMemberId],
  );
  return rows.map((row) => row.id);
}

/** Active services a provider delivers (to check a change of the provider's kinds). */
export async function listActiveServicesOfProvider(
  db: Queryable,
  providerId: string,
): Promise<Array<{ service: string }>> {
  const { rows } = await db.query<{ service: string }>(
    `SELECT DISTINCT service FROM customer_service WHERE provider_id = $1 AND (ends_on IS NULL OR ends_on >= current_date)`,
    [providerId],
  );
  return rows;
}

/** Number of doors on a customer's access path. */
export async function countAccessPathDoors(db: Queryable, customerId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM access_path_step WHERE customer_id = $1',
    [customerId],
  );
  return rows[0]!.n;
}

/**
 * The block list locks still need: entries whose key may hold a ticket that has not expired.
 * A blocked key gets no new tickets, so once its last ticket has expired no lock can be opened
 * with it and the entry can leave the list (keeping the signed list small).
 */
export async function readLiveBlockList(db: Queryable, municipalityId: string): Promise<BlockListState> {
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
     FROM block_list_entry b JOIN key_credential k ON k.digital_key_id = b.digital_key_id
     WHERE b.municipality_id = $1 AND k.last_ticket_expires_at > now() ORDER BY b.added_in_version`,
    [municipalityId],
  );
  return {
    version: version.rows[0]?.version ?? 1,
    entries: rows.map((row) => ({ ...row, blockedAt: row.blockedAt.toISOString() })),
  };
}
