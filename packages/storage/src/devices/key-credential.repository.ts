// What issuing a ticket reads and writes about a key: its context (holder, enrolment, PIN state,
// settings, block list, facts version, issuer state) in one statement, and the writes of an
// activation or sync in one more. Activation was eight round trips; under a shift-start rush
// each was a socket write and a wake-up on both sides, most of the machine's time (issue #9).
import type { EnrolmentRecord } from './device.repository';
import { liveEnrolmentsSelect, presentEnrolmentJson } from './enrolment-rows';
import type { Queryable } from '../registry';

/** The key's PIN as stored: its verifier, wrong tries since the last right one, and the lock. */
export interface PinState {
  verifier: string | null;
  failures: number;
  isLocked: boolean;
}

/** Everything issuing a ticket reads about a key, its holder and municipality (issueCredentials). */
export interface IssueContext {
  municipalityCode: string;
  settings: Record<string, unknown>;
  /** The permission facts version now: the index must be at least this new. */
  factsVersion: number;
  blockListVersion: number;
  /** Live block-list entries (their keys' last tickets not yet expired), oldest first. */
  blockEntries: Array<{ digitalKeyId: string; addedInVersion: number }>;
  /** The municipality's active issuer key (kid in hex) and the issuer key set version, as readIssuerState reads them. */
  issuer: { activeKidHex: string | null; signedUntil: Date | null; keySetVersion: number };
  /** Absent when no key with this id belongs to the municipality. */
  key?: {
    status: string;
    holderStaffMemberId: string | null;
    /** The holder, when one is set and belongs to the municipality. */
    staff?: { id: string; pseudonym: string };
    /** The key's live enrolment. */
    publicJwk?: EnrolmentRecord['publicJwk'];
    pin: PinState;
  };
}

interface IssueContextRow {
  code: string;
  settings: Record<string, unknown> | null;
  factsVersion: number;
  blockListVersion: number;
  blockEntries: Array<{ digitalKeyId: string; addedInVersion: number }>;
  keyStatus: string | null;
  holderStaffMemberId: string | null;
  staffId: string | null;
  pseudonym: string | null;
  publicJwk: EnrolmentRecord['publicJwk'] | null;
  activeKidHex: string | null;
  signedUntil: Date | null;
  keySetVersion: number | null;
  pinVerifier: string | null;
  pinFailures: number | null;
  isPinLocked: boolean | null;
}

/**
 * The issue context's select for the municipality `municipality` (an SQL expression) and the key
 * `key` (a parameter) at `now` (a parameter: the issuer's clock, against which tickets expire):
 * no row when the municipality does not exist.
 */
const issueContextSelect = (municipality: string, key: string, now: string) =>
  `SELECT m.code, m.settings, m.block_list_version AS "blockListVersion",
       (SELECT version FROM municipality_permission_version v WHERE v.municipality_id = m.id) AS "factsVersion",
       COALESCE((SELECT json_agg(json_build_object('digitalKeyId', b.digital_key_id, 'addedInVersion', b.added_in_version)
                                 ORDER BY b.added_in_version)
                 FROM block_list_entry b JOIN key_credential c ON c.municipality_id = b.municipality_id AND c.digital_key_id = b.digital_key_id
                 WHERE b.municipality_id = m.id AND c.last_ticket_expires_at > ${now}::timestamptz), '[]') AS "blockEntries",
       k.status AS "keyStatus", k.holder_staff_member_id AS "holderStaffMemberId",
       s.id AS "staffId", s.pseudonym, e.public_jwk AS "publicJwk",
       i.kid_hex AS "activeKidHex", i.signed_until AS "signedUntil",
       (SELECT version FROM issuer_key_set v WHERE v.municipality_id = m.id) AS "keySetVersion",
       kc.pin_verifier AS "pinVerifier", kc.pin_failures AS "pinFailures",
       (kc.pin_locked_until IS NOT NULL AND kc.pin_locked_until > now()) AS "isPinLocked"
     FROM municipality m
     LEFT JOIN LATERAL (SELECT encode(kid, 'hex') AS kid_hex, signed_until FROM issuer_key
                        WHERE municipality_id = m.id AND retired_at IS NULL LIMIT 1) i ON true
     LEFT JOIN digital_key k ON k.id = ${key} AND k.municipality_id = m.id
     LEFT JOIN staff_member s ON s.id = k.holder_staff_member_id AND s.municipality_id = m.id
     LEFT JOIN device_enrolment e ON e.municipality_id = m.id AND e.digital_key_id = k.id AND e.revoked_at IS NULL
     LEFT JOIN key_credential kc ON kc.municipality_id = m.id AND kc.digital_key_id = k.id
     WHERE m.id = ${municipality}`;

function presentIssueContext(row: IssueContextRow): IssueContext {
  return {
    municipalityCode: row.code,
    settings: row.settings ?? {},
    factsVersion: Number(row.factsVersion),
    blockListVersion: row.blockListVersion ?? 1,
    blockEntries: row.blockEntries,
    issuer: {
      activeKidHex: row.activeKidHex,
      signedUntil: row.signedUntil,
      keySetVersion: row.keySetVersion ?? 0,
    },
    key:
      row.keyStatus === null
        ? undefined
        : {
            status: row.keyStatus,
            holderStaffMemberId: row.holderStaffMemberId,
            staff: row.staffId ? { id: row.staffId, pseudonym: row.pseudonym! } : undefined,
            publicJwk: row.publicJwk ?? undefined,
            pin: {
              verifier: row.pinVerifier,
              failures: row.pinFailures ?? 0,
              isLocked: row.isPinLocked ?? false,
            },
          },
  };
}

/**
 * The key, its holder, its live enrolment, its PIN state, the municipality's ticket settings,
 * the live block list and the permission facts version, in one statement (one snapshot).
 * Undefined when the municipality does not exist.
 */
export async function readIssueContext(
  db: Queryable,
  municipalityId: string,
  digitalKeyId: string,
  now = new Date(),
): Promise<IssueContext | undefined> {
  const { rows } = await db.query<IssueContextRow>({
    // Named: prepared once per connection; planning this join was a share of every activation.
    name: 'read-issue-context',
    text: issueContextSelect('$1', '$2', '$3'),
    values: [municipalityId, digitalKeyId, now],
  });
  return rows[0] ? presentIssueContext(rows[0]) : undefined;
}

/**
 * What an activation reads, in one statement: the live enrolments of the box and of the key (as
 * `findEnrolments`), and the key's issue context in the box's municipality (as
 * `readIssueContext`; undefined when the box is not enrolled). Read before any signature is
 * checked: the caller uses nothing of it until the box's and the key's signatures verify
 * against these very enrolments.
 */
export async function readActivationContext(
  db: Queryable,
  ids: { boxId: string; digitalKeyId: string },
  now = new Date(),
): Promise<{ enrolments: Map<string, EnrolmentRecord>; context: IssueContext | undefined }> {
  const { rows } = await db.query<Partial<IssueContextRow> & { enrolments: Array<Record<string, unknown>> }>({
    name: 'read-activation-context',
    text: `WITH live AS (${liveEnrolmentsSelect('ARRAY[$1, $2]::uuid[]')})
     SELECT COALESCE((SELECT json_agg(live) FROM live), '[]') AS enrolments, ctx.*
     FROM (SELECT 1) one
     LEFT JOIN (${issueContextSelect('(SELECT "municipalityId" FROM live WHERE id = $1)', '$2', '$3')}) ctx ON true`,
    values: [ids.boxId, ids.digitalKeyId, now],
  });
  const row = rows[0]!;
  const enrolments = new Map(row.enrolments.map((json) => [json.id as string, presentEnrolmentJson(json)]));
  return {
    enrolments,
    context:
      row.code === null || row.code === undefined ? undefined : presentIssueContext(row as IssueContextRow),
  };
}

/**
 * Records a ticket issued to a key and takes the next ticket sequence number: one atomic upsert
 * (phones never set a PIN, so their credential row may not exist yet), safe without a
 * transaction and under concurrent requests for the same key (each gets its own number). `at` is
 * the issuer's clock: the activation's time.
 */
export async function takeTicketSequence(
  db: Queryable,
  key: { municipalityId: string; digitalKeyId: string },
  activation: { isActivation: boolean; expiresAt: Date; at: Date },
): Promise<number> {
  const { rows } = await db.query<{ sequence: number }>(
    `INSERT INTO key_credential (municipality_id, digital_key_id, ticket_sequence, last_activation_at, last_ticket_expires_at)
     VALUES ($5, $1, 1, CASE WHEN $2 THEN $4::timestamptz END, $3)
     ON CONFLICT (municipality_id, digital_key_id) DO UPDATE SET ticket_sequence = key_credential.ticket_sequence + 1,
       pin_failures = CASE WHEN $2 THEN 0 ELSE key_credential.pin_failures END,
       last_activation_at = CASE WHEN $2 THEN $4::timestamptz ELSE key_credential.last_activation_at END,
       last_ticket_expires_at = greatest(coalesce(key_credential.last_ticket_expires_at, $3), $3)
     RETURNING ticket_sequence AS sequence`,
    [key.digitalKeyId, activation.isActivation, activation.expiresAt, activation.at, key.municipalityId],
  );
  return rows[0]!.sequence;
}

export interface ActivationAttempt {
  /** The box's municipality, which the key's must be (checked before the attempt is settled). */
  municipalityId: string;
  boxId: string;
  boxNonce: Uint8Array;
  digitalKeyId: string;
  keyNonce: Uint8Array;
  /** The verifier the PIN was checked against: a PIN reset in between voids the attempt. */
  checkedVerifier: string;
  isPinCorrect: boolean;
  maxFailures: number;
  /** Set when the PIN is right and a ticket will be issued: when it expires. */
  ticketExpiresAt: Date | undefined;
  /** Enrolments whose `last_seen_at` is older than a minute. */
  staleEnrolmentIds: readonly string[];
  /** The issuer's clock: the activation's time and the start of the shift it opens. */
  at: Date;
}

export type ActivationOutcome =
  | { kind: 'replayed-box' }
  | { kind: 'replayed-key' }
  /** The attempt was not counted: the PIN got locked or reset since it was read. */
  | { kind: 'not-counted' }
  | { kind: 'counted'; failures: number; isLocked: boolean; ticketSequence: number | undefined };

/**
 * All an activation writes, in one statement, only when both request nonces are new: the box's
 * and the key's nonce, the PIN attempt (a right PIN clears the count; the `maxFailures`th wrong
 * one locks the PIN until a reset), and for a right PIN that gets a ticket, the ticket sequence
 * and activation time. The PIN was checked by the caller against `checkedVerifier`; the count
 * only moves while that verifier is still the key's and the PIN is not locked, so concurrent
 * guesses are counted one after another (the row lock orders them) and never more than
 * `maxFailures` of them can be answered.
 */
export async function settleActivation(
  db: Queryable,
  attempt: ActivationAttempt,
): Promise<ActivationOutcome> {
  const isIssued = attempt.isPinCorrect && attempt.ticketExpiresAt !== undefined;
  const { rows } = await db.query<{
    boxFresh: boolean;
    keyFresh: boolean;
    failures: number | null;
    isLocked: boolean | null;
    sequence: number | null;
  }>({
    name: 'settle-activation',
    text: `WITH nonce AS (
       INSERT INTO device_nonce (municipality_id, device_id, nonce) VALUES ($12, $1, $2), ($12, $3, $4)
       ON CONFLICT DO NOTHING RETURNING device_id
     ), fresh AS (
       SELECT bool_or(device_id = $1) IS TRUE AS box, bool_or(device_id = $3) IS TRUE AS key FROM nonce
     ), touched AS (
       UPDATE device_enrolment SET last_seen_at = now()
       WHERE municipality_id = $12 AND id = ANY($10::uuid[]) AND (last_seen_at IS NULL OR last_seen_at < now() - interval '1 minute')
         AND (SELECT box FROM fresh)
       RETURNING id
     ), settled AS (
       UPDATE key_credential SET
         pin_failures = CASE WHEN $6 THEN 0 ELSE pin_failures + 1 END,
         pin_locked_until = CASE WHEN NOT $6 AND pin_failures + 1 >= $7 THEN now() + interval '100 years'
                                 ELSE pin_locked_until END,
         ticket_sequence = CASE WHEN $8 THEN ticket_sequence + 1 ELSE ticket_sequence END,
         last_activation_at = CASE WHEN $8 THEN $11::timestamptz ELSE last_activation_at END,
         last_ticket_expires_at = CASE WHEN $8 THEN greatest(coalesce(last_ticket_expires_at, $9), $9)
                                       ELSE last_ticket_expires_at END
       WHERE municipality_id = $12 AND digital_key_id = $3 AND pin_verifier = $5 AND pin_failures < $7
         AND (pin_locked_until IS NULL OR pin_locked_until <= now())
         AND (SELECT box AND key FROM fresh)
       RETURNING pin_failures, pin_locked_until, ticket_sequence
     ), shift AS (
       SELECT open_work_shift($12, $3, $9, 'activation', $11) AS n FROM settled WHERE $8
     )
     SELECT f.box AS "boxFresh", f.key AS "keyFresh", s.pin_failures AS failures,
       (s.pin_locked_until IS NOT NULL) AS "isLocked", s.ticket_sequence AS sequence,
       (SELECT count(*) FROM touched) AS touched, (SELECT sum(n) FROM shift) AS shifts
     FROM fresh f LEFT JOIN settled s ON true`,
    values: [
      attempt.boxId,
      Buffer.from(attempt.boxNonce),
      attempt.digitalKeyId,
      Buffer.from(attempt.keyNonce),
      attempt.checkedVerifier,
      attempt.isPinCorrect,
      attempt.maxFailures,
      isIssued,
      attempt.ticketExpiresAt ?? null,
      attempt.staleEnrolmentIds,
      attempt.at,
      attempt.municipalityId,
    ],
  });
  const row = rows[0]!;
  if (!row.boxFresh) return { kind: 'replayed-box' };
  if (!row.keyFresh) return { kind: 'replayed-key' };
  if (row.failures === null) return { kind: 'not-counted' };
  return {
    kind: 'counted',
    failures: row.failures,
    isLocked: row.isLocked ?? false,
    ticketSequence: isIssued ? (row.sequence ?? undefined) : undefined,
  };
}
