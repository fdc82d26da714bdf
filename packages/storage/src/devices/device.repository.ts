import { enrolmentColumns, presentEnrolment, selectEnrolment } from './enrolment-rows';
import type { Queryable } from '../registry';
import { createFirstRowQuery, type RowQuery } from '../platform/queryable';
import { createReturningValueStatement, createStatement, type ValuesOf } from '../platform/statements';

export type DeviceKind = 'lock' | 'key' | 'phone' | 'activation_box' | 'sync_station' | 'key_cabinet';

export interface EnrolmentRecord {
  id: string;
  municipalityId: string;
  kind: DeviceKind;
  lockDeviceId: string | null;
  digitalKeyId: string | null;
  label: string | null;
  publicJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  enrolledBy: string;
  enrolledAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
}

async function findLiveEnrolmentBy(
  db: Queryable,
  column: 'id' | 'digital_key_id',
  value: string,
): Promise<EnrolmentRecord | undefined> {
  return selectEnrolment(
    db,
    `SELECT ${enrolmentColumns} FROM device_enrolment
     WHERE ${column} = $1 AND revoked_at IS NULL /* sharding: a device names only its enrolment id (a random UUID) when it signs a request; a router broadcasts this lookup */`,
    [value],
  );
}

/** Enrols a device with the public half of the key pair it generated itself. */
export async function insertEnrolment(
  db: Queryable,
  enrolment: {
    id?: string;
    municipalityId: string;
    kind: DeviceKind;
    lockDeviceId?: string | null;
    digitalKeyId?: string | null;
    keyCabinetId?: string | null;
    label?: string | null;
    publicJwk: object;
    enrolledBy: string;
  },
): Promise<EnrolmentRecord> {
  return writeEnrolment(
    db,
    `INSERT INTO device_enrolment (id, municipality_id, kind, lock_device_id, digital_key_id, label, public_jwk, enrolled_by, key_cabinet_id)
     VALUES (coalesce($1, gen_random_uuid()), $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${enrolmentColumns}`,
    [
      enrolment.id ?? null,
      enrolment.municipalityId,
      enrolment.kind,
      enrolment.lockDeviceId ?? null,
      enrolment.digitalKeyId ?? null,
      enrolment.label ?? null,
      JSON.stringify(enrolment.publicJwk),
      enrolment.enrolledBy,
      enrolment.keyCabinetId ?? null,
    ],
  );
}

/** The enrolment a write's `RETURNING ${enrolmentColumns}` gives (one it inserted or changed). */
async function writeEnrolment(db: Queryable, sql: string, values: unknown[]): Promise<EnrolmentRecord> {
  return (await selectEnrolment(db, sql, values))!;
}

/** A device's key: its municipality and id. */
type DeviceKey = { municipalityId: string; id: string };

/** The `$1, $2` of a statement on one device's row (or one reset code's). */
const deviceValues = (device: DeviceKey) => [device.municipalityId, device.id];

/** Stores the certificate issued at enrolment. */
export const setEnrolmentCertificate = createStatement(
  'UPDATE device_enrolment SET certificate = $3 WHERE municipality_id = $1 AND id = $2',
  (device: DeviceKey, certificate: Uint8Array) => [...deviceValues(device), Buffer.from(certificate)],
);

/** A live (not revoked) enrolment by device id. */
export async function findEnrolment(db: Queryable, id: string): Promise<EnrolmentRecord | undefined> {
  return findLiveEnrolmentBy(db, 'id', id);
}

/** The live enrolment of a digital key (hardware key or phone install). */
export async function findKeyEnrolment(
  db: Queryable,
  digitalKeyId: string,
): Promise<EnrolmentRecord | undefined> {
  return findLiveEnrolmentBy(db, 'digital_key_id', digitalKeyId);
}

/** Enrolments of a municipality, newest first. */
export async function listEnrolments(
  db: Queryable,
  municipalityId: string,
  kind?: string,
): Promise<EnrolmentRecord[]> {
  const { rows } = await db.query(
    `SELECT ${enrolmentColumns} FROM device_enrolment WHERE municipality_id = $1 AND ($2::text IS NULL OR kind = $2)
     ORDER BY enrolled_at DESC LIMIT 1000`,
    [municipalityId, kind ?? null],
  );
  return rows.map((row) => presentEnrolment(row as Record<string, unknown>));
}

/** Revokes an enrolment: the device can no longer authenticate. */
export const revokeEnrolment = createStatement(
  'UPDATE device_enrolment SET revoked_at = coalesce(revoked_at, now()) WHERE municipality_id = $1 AND id = $2',
  deviceValues,
);

/**
 * Marks a device as seen now, to the minute: a box or station signs every request of every key
 * that passes it, and its row must not become a write hot spot (the row is neither written nor
 * locked when it was marked within the last minute).
 */
export const touchEnrolment = createStatement(
  `UPDATE device_enrolment SET last_seen_at = now()
     WHERE municipality_id = $1 AND id = $2 AND (last_seen_at IS NULL OR last_seen_at < now() - interval '1 minute')`,
  deviceValues,
);

/** Accepts a request nonce once per device; false when it was seen before (a replay). */
export async function useDeviceNonce(
  db: Queryable,
  device: { municipalityId: string; id: string },
  nonce: Uint8Array,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'INSERT INTO device_nonce (municipality_id, device_id, nonce) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [device.municipalityId, device.id, Buffer.from(nonce)],
  );
  return rowCount === 1;
}

/** Forgets nonces older than the accepted clock skew (they can no longer be replayed anyway). */
export async function pruneDeviceNonces(db: Queryable, olderThanSeconds: number): Promise<void> {
  await db.query(
    `DELETE FROM device_nonce WHERE seen_at < now() - make_interval(secs => $1)
     /* sharding: a cluster-wide clean-up job, the same for every municipality */`,
    [olderThanSeconds],
  );
}

/** Gives a lock its compact ticket number (once) and returns it. */
export async function assignLockNumber(
  db: Queryable,
  municipalityId: string,
  lockDeviceId: string,
): Promise<number> {
  const existing = await db.query<{ n: number | null }>(
    'SELECT lock_number AS n FROM lock_device WHERE municipality_id = $1 AND id = $2',
    [municipalityId, lockDeviceId],
  );
  if (existing.rows[0]?.n) return existing.rows[0].n;
  const { rows } = await db.query<{ n: number }>(
    'UPDATE municipality SET next_lock_number = next_lock_number + 1 WHERE id = $1 RETURNING next_lock_number - 1 AS n',
    [municipalityId],
  );
  await db.query('UPDATE lock_device SET lock_number = $3 WHERE municipality_id = $1 AND id = $2', [
    municipalityId,
    lockDeviceId,
    rows[0]!.n,
  ]);
  return rows[0]!.n;
}

export interface KeyCredential {
  digitalKeyId: string;
  pinVerifier: string | null;
  pinFailures: number;
  pinLockedUntil: Date | null;
  ticketSequence: number;
}

/** Stores a new PIN verifier and clears wrong-PIN counting. */
export async function setPinVerifier(
  db: Queryable,
  key: { municipalityId: string; digitalKeyId: string },
  verifier: string,
): Promise<void> {
  await db.query(
    `INSERT INTO key_credential (municipality_id, digital_key_id, pin_verifier, pin_set_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (municipality_id, digital_key_id) DO UPDATE SET pin_verifier = $3, pin_set_at = now(), pin_failures = 0, pin_locked_until = NULL`,
    [key.municipalityId, key.digitalKeyId, verifier],
  );
}

/** Stores a PIN reset code's hash; earlier unused codes for the key stop working. */
export async function insertPinResetCode(
  db: Queryable,
  code: {
    municipalityId: string;
    digitalKeyId: string;
    codeHash: Buffer;
    createdBy: string;
    expiresAt: Date;
  },
): Promise<void> {
  await db.query(
    'UPDATE pin_reset_code SET used_at = now() WHERE municipality_id = $1 AND digital_key_id = $2 AND used_at IS NULL',
    [code.municipalityId, code.digitalKeyId],
  );
  await db.query(
    `INSERT INTO pin_reset_code (municipality_id, digital_key_id, code_hash, created_by, expires_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [code.municipalityId, code.digitalKeyId, code.codeHash, code.createdBy, code.expiresAt],
  );
}

/** The key's one usable reset code, if any, locked for update. */
export const lockUsablePinResetCode = createFirstRowQuery<
  { id: string; codeHash: Buffer; failures: number },
  [municipalityId: string, digitalKeyId: string]
>(`SELECT id, code_hash AS "codeHash", failures FROM pin_reset_code
   WHERE municipality_id = $1 AND digital_key_id = $2 AND used_at IS NULL AND expires_at > now() ORDER BY created_at DESC LIMIT 1 FOR UPDATE`);

/** Marks a reset code used (or burnt after too many wrong tries). */
export const closePinResetCode = createStatement(
  'UPDATE pin_reset_code SET used_at = now() WHERE municipality_id = $1 AND id = $2',
  deviceValues,
);

/** Counts a wrong reset code. */
export const recordPinResetFailure = createReturningValueStatement<number, [code: DeviceKey]>(
  'UPDATE pin_reset_code SET failures = failures + 1 WHERE municipality_id = $1 AND id = $2 RETURNING failures',
  deviceValues,
);

/** Re-enrols a device under the same id with a new key pair (e.g. a replaced secure element). */
export async function replaceEnrolmentKey(
  db: Queryable,
  device: DeviceKey,
  change: { publicJwk: object; enrolledBy: string; label?: string | null },
): Promise<EnrolmentRecord> {
  return writeEnrolment(
    db,
    `UPDATE device_enrolment SET public_jwk = $3, enrolled_by = $4, enrolled_at = now(), revoked_at = NULL,
       label = coalesce($5, label), certificate = NULL WHERE municipality_id = $1 AND id = $2 RETURNING ${enrolmentColumns}`,
    [
      device.municipalityId,
      device.id,
      JSON.stringify(change.publicJwk),
      change.enrolledBy,
      change.label ?? null,
    ],
  );
}

/** The finder of the enrolment one statement answers; `toValues` makes its `$n` from the arguments. */
function createEnrolmentQuery<A extends unknown[]>(
  sql: string,
  toValues: ValuesOf<A>,
): RowQuery<A, EnrolmentRecord | undefined> {
  return (db, ...args) => selectEnrolment(db, sql, toValues(...args));
}

/** Any enrolment (live or revoked) of the municipality by device id. */
export const findAnyEnrolment = createEnrolmentQuery(
  `SELECT ${enrolmentColumns} FROM device_enrolment WHERE municipality_id = $1 AND id = $2`,
  deviceValues,
);

/**
 * The live enrolment of a lock, whatever its id: locks enrol under their registry id, but one
 * enrolled under another (seed-demo's locks are) keeps that enrolment when it enrols again.
 */
export const findLiveLockEnrolment = createEnrolmentQuery(
  `SELECT ${enrolmentColumns} FROM device_enrolment
     WHERE municipality_id = $1 AND lock_device_id = $2 AND revoked_at IS NULL`,
  (lock: { municipalityId: string; lockDeviceId: string }) => [lock.municipalityId, lock.lockDeviceId],
);

export interface KeyActivationState {
  enrolledAt: string | null;
  lastSeenAt: string | null;
  hasPin: boolean;
  isPinLocked: boolean;
  lastActivationAt: string | null;
  ticketExpiresAt: string | null;
  ticketSequence: number;
}

/** What the server knows about a key's enrolment, PIN and latest activation. */
export async function readKeyActivationState(
  db: Queryable,
  key: { municipalityId: string; digitalKeyId: string },
): Promise<KeyActivationState> {
  const { rows } = await db.query<{
    enrolledAt: Date | null;
    lastSeenAt: Date | null;
    hasPin: boolean | null;
    lockedUntil: Date | null;
    lastActivationAt: Date | null;
    ticketExpiresAt: Date | null;
    ticketSequence: number | null;
  }>(
    `SELECT e.enrolled_at AS "enrolledAt", e.last_seen_at AS "lastSeenAt", (c.pin_verifier IS NOT NULL) AS "hasPin",
       c.pin_locked_until AS "lockedUntil", c.last_activation_at AS "lastActivationAt",
       c.last_ticket_expires_at AS "ticketExpiresAt", c.ticket_sequence AS "ticketSequence"
     FROM digital_key k
     LEFT JOIN device_enrolment e ON e.municipality_id = k.municipality_id AND e.id = k.id AND e.revoked_at IS NULL
     LEFT JOIN key_credential c ON c.municipality_id = k.municipality_id AND c.digital_key_id = k.id
     WHERE k.municipality_id = $1 AND k.id = $2`,
    [key.municipalityId, key.digitalKeyId],
  );
  const row = rows[0];
  const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);
  return {
    enrolledAt: iso(row?.enrolledAt),
    lastSeenAt: iso(row?.lastSeenAt),
    hasPin: row?.hasPin ?? false,
    isPinLocked: Boolean(row?.lockedUntil && row.lockedUntil.getTime() > Date.now()),
    lastActivationAt: iso(row?.lastActivationAt),
    ticketExpiresAt: iso(row?.ticketExpiresAt),
    ticketSequence: row?.ticketSequence ?? 0,
  };
}

/** The staff member holding a digital key, if any. */
export async function findKeyHolderId(
  db: Queryable,
  key: { municipalityId: string; digitalKeyId: string },
): Promise<string | undefined> {
  const { rows } = await db.query<{ holder: string | null }>(
    'SELECT holder_staff_member_id AS holder FROM digital_key WHERE municipality_id = $1 AND id = $2',
    [key.municipalityId, key.digitalKeyId],
  );
  return rows[0]?.holder ?? undefined;
}

/**
 * The code of the municipality whose lock has this number, asked within that municipality only:
 * lock numbers are unique per municipality, so the caller names it from the enrolled device that
 * asks (docs/device-gateway.md "Time attestation"), never from the number.
 */
export const findMunicipalityLockByNumber = createFirstRowQuery<
  { code: string },
  [municipalityId: string, lockNumber: number]
>(`SELECT m.code FROM lock_device l JOIN municipality m ON m.id = l.municipality_id
   WHERE l.municipality_id = $1 AND l.lock_number = $2`);
