import { createFirstValueQuery, createRowsQuery, type Queryable } from './queryable';

/** A row to insert, keyed by column name (snake_case). */
export type ColumnValues = Record<string, unknown>;

// PostgreSQL allows 65,535 bind parameters per statement; stay well below it.
const maxParametersPerStatement = 30_000;
const identifier = /^[a-z_][a-z0-9_]*$/;

/**
 * Inserts many rows into one table with multi-row VALUES statements, so thousands of rows cost a
 * handful of round trips. Every row must have the same columns as the first. Column types come
 * from the table itself, so arrays, dates and jsonb need no casts.
 */
export async function insertRows(
  db: Queryable,
  table: string,
  rows: readonly ColumnValues[],
): Promise<number> {
  const first = rows[0];
  if (!first) return 0;
  const columns = Object.keys(first);
  // Table and column names are spliced into SQL; only plain identifiers are ever accepted.
  for (const name of [table, ...columns]) {
    if (!identifier.test(name)) throw new Error(`Not a plain SQL identifier: ${name}`);
  }
  const rowsPerStatement = Math.max(1, Math.floor(maxParametersPerStatement / columns.length));
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      const keys = Object.keys(row);
      if (keys.length !== columns.length || keys.some((key) => !(key in first))) {
        throw new Error(`Every ${table} row must have the columns ${columns.join(', ')}`);
      }
      const placeholders = columns.map((column) => {
        values.push(row[column] ?? null);
        return `$${values.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }
  return rows.length;
}

/** Finds a municipality's id by its official code (e.g. "0180"). */
export const findMunicipalityIdByCode = createFirstValueQuery<string, [code: string]>(
  'SELECT id FROM municipality WHERE code = $1',
);

/**
 * Creates the municipality unless one with the same code exists; returns the new id, or undefined
 * when the code was taken (also when a concurrent transaction took it first).
 */
export async function insertMunicipalityIfAbsent(
  db: Queryable,
  municipality: { id: string; code: string; name: string; settings: Record<string, unknown> },
): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO municipality (id, code, name, settings) VALUES ($1, $2, $3, $4)
     ON CONFLICT (code) DO NOTHING RETURNING id`,
    [municipality.id, municipality.code, municipality.name, JSON.stringify(municipality.settings)],
  );
  return rows[0]?.id;
}

/** How many rows of each kind a municipality has: the figures an operator checks after seeding. */
export async function countMunicipalityRows(
  db: Queryable,
  municipalityId: string,
): Promise<Record<string, number>> {
  const { rows } = await db.query<Record<string, number>>(
    `SELECT
       (SELECT count(*) FROM district WHERE municipality_id = $1) AS "districts",
       (SELECT count(*) FROM property_owner WHERE municipality_id = $1) AS "propertyOwners",
       (SELECT count(*) FROM property WHERE municipality_id = $1) AS "properties",
       (SELECT count(*) FROM door WHERE municipality_id = $1) AS "doors",
       (SELECT count(*) FROM door WHERE municipality_id = $1 AND kind = 'entrance') AS "entrances",
       (SELECT count(*) FROM door WHERE municipality_id = $1 AND kind = 'apartment_door') AS "apartmentDoors",
       (SELECT count(*) FROM door WHERE municipality_id = $1 AND kind IN ('key_safe', 'key_tube')) AS "keySafesAndTubes",
       (SELECT count(*) FROM door WHERE municipality_id = $1
          AND kind IN ('laundry_room', 'waste_room', 'medicine_cabinet', 'electrical_room')) AS "sharedRoomDoors",
       (SELECT count(*) FROM provider WHERE municipality_id = $1) AS "providers",
       (SELECT count(*) FROM team WHERE municipality_id = $1) AS "teams",
       (SELECT count(*) FROM customer WHERE municipality_id = $1) AS "customers",
       (SELECT count(*) FROM customer WHERE municipality_id = $1 AND has_refused_lock) AS "customersRefusingLock",
       (SELECT count(*) FROM customer_service WHERE municipality_id = $1) AS "customerServices",
       (SELECT count(*) FROM access_path_step s JOIN customer c ON c.municipality_id = s.municipality_id AND c.id = s.customer_id
          WHERE c.municipality_id = $1) AS "accessPathSteps",
       (SELECT count(*) FROM staff_member WHERE municipality_id = $1) AS "staffMembers",
       (SELECT count(*) FROM team_membership WHERE municipality_id = $1) AS "teamMemberships",
       (SELECT count(*) FROM lock_device WHERE municipality_id = $1) AS "lockDevices",
       (SELECT count(*) FROM lock_device WHERE municipality_id = $1 AND status = 'installed') AS "installedLocks",
       (SELECT count(*) FROM digital_key WHERE municipality_id = $1) AS "digitalKeys",
       (SELECT count(*) FROM team_customer WHERE municipality_id = $1) AS "teamCustomers",
       (SELECT count(*) FROM area_rule WHERE municipality_id = $1) AS "areaRules",
       (SELECT count(*) FROM shared_door_grant WHERE municipality_id = $1) AS "sharedDoorGrants",
       (SELECT count(*) FROM access_grant WHERE municipality_id = $1) AS "accessGrants",
       (SELECT count(*) FROM user_account WHERE municipality_id = $1) AS "userAccounts"`,
    [municipalityId],
  );
  return rows[0] ?? {};
}

/**
 * What the issuer would have stored for a demo key activated at simulated instants (seed-demo's
 * week runs on a simulated clock, so the real columns' `now()` would be wrong): its PIN, the
 * number of tickets, the last activation and ticket expiry, and when the key was last seen.
 */
export async function recordDemoKeyCredential(
  db: Queryable,
  credential: {
    municipalityId: string;
    digitalKeyId: string;
    pinVerifier: string;
    pinSetAt: Date;
    ticketSequence: number;
    lastActivationAt: Date;
    lastTicketExpiresAt: Date;
    lastSeenAt: Date;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO key_credential (digital_key_id, pin_verifier, pin_set_at, ticket_sequence, last_activation_at, last_ticket_expires_at,
       municipality_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (municipality_id, digital_key_id) DO UPDATE SET pin_verifier = $2, pin_set_at = $3, ticket_sequence = $4,
       last_activation_at = $5, last_ticket_expires_at = $6`,
    [
      credential.digitalKeyId,
      credential.pinVerifier,
      credential.pinSetAt,
      credential.ticketSequence,
      credential.lastActivationAt,
      credential.lastTicketExpiresAt,
      credential.municipalityId,
    ],
  );
  await db.query('UPDATE device_enrolment SET last_seen_at = $2 WHERE id = $1 AND municipality_id = $3', [
    credential.digitalKeyId,
    credential.lastSeenAt,
    credential.municipalityId,
  ]);
}

/** Keys of a municipality that are blocked or lost but not on its block list (older demos). */
export const listWithdrawnKeysOffBlockList = createRowsQuery<
  { id: string; status: string; statusReason: string | null },
  [municipalityId: string]
>(`SELECT k.id, k.status, k.status_reason AS "statusReason" FROM digital_key k
   WHERE k.municipality_id = $1 AND k.status <> 'active'
     AND NOT EXISTS (SELECT 1 FROM block_list_entry b WHERE b.municipality_id = k.municipality_id AND b.digital_key_id = k.id)
   ORDER BY k.serial`);
