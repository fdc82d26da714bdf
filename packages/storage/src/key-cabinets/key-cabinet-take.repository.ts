// Takes from key cabinets (docs/key-cabinets.md): the held backup key in a slot, the slot's open
// take, the take authorised by the server, and the projection of the cabinet's signed take and
// return records onto the takes at ingest (in the ingest's transaction). Callers pass their
// transaction and clock.
import { createRowsQuery, createFirstRowQuery, type Queryable } from '../platform/queryable';

/** A cabinet slot as the statements below name it: the municipality, the cabinet and the slot number. */
type CabinetSlot = [municipalityId: string, keyCabinetId: string, slot: number];

export interface HeldBackupKey {
  id: string;
  customerId: string;
  doorId: string;
  providerId: string;
  label: string | null;
}

/** The key held in a cabinet slot (locked for the caller's write), or undefined. */
export const lockHeldBackupKey = createFirstRowQuery<
  HeldBackupKey,
  CabinetSlot
>(`SELECT id, customer_id AS "customerId", door_id AS "doorId", provider_id AS "providerId", label
   FROM backup_key WHERE municipality_id = $1 AND key_cabinet_id = $2 AND slot = $3 AND status = 'held' FOR UPDATE`);

export interface OpenTake {
  id: string;
  /** The key the take was authorised for: a take is bound to it, not to its slot's later keys. */
  backupKeyId: string;
  authorisedAt: Date;
  takenAt: Date | null;
}

const openTakeColumns = `id, backup_key_id AS "backupKeyId", authorised_at AS "authorisedAt", taken_at AS "takenAt"`;

/** The slot's take not returned nor cancelled (at most one, by index), or undefined. */
export const findOpenTake = createFirstRowQuery<
  OpenTake,
  CabinetSlot
>(`SELECT ${openTakeColumns} FROM key_cabinet_take
   WHERE municipality_id = $1 AND key_cabinet_id = $2 AND slot = $3 AND returned_at IS NULL AND cancelled_at IS NULL`);

/**
 * The key's takes not returned nor cancelled, locked for the caller's change of the key (its
 * return or move): lock the key first, as a take authorisation does, so a take authorised
 * meanwhile is either seen here or finds the key gone.
 */
export const lockOpenTakesOfKey = createRowsQuery<
  OpenTake,
  [municipalityId: string, backupKeyId: string]
>(`SELECT ${openTakeColumns} FROM key_cabinet_take
   WHERE municipality_id = $1 AND backup_key_id = $2 AND returned_at IS NULL AND cancelled_at IS NULL
   ORDER BY authorised_at FOR UPDATE`);

/** Cancels a take not yet used: lapsed, or withdrawn by `withdrawnBy` (an actor's label). */
export async function cancelTake(
  db: Queryable,
  municipalityId: string,
  id: string,
  at: Date,
  withdrawnBy: string | null = null,
): Promise<void> {
  await db.query(
    `UPDATE key_cabinet_take SET cancelled_at = $2, withdrawn_by = $4
     WHERE municipality_id = $3 AND id = $1 AND taken_at IS NULL`,
    [id, at, municipalityId, withdrawnBy],
  );
}

export interface NewTake {
  municipalityId: string;
  keyCabinetId: string;
  slot: number;
  backupKeyId: string;
  staffMemberId: string;
  reason: string;
  reasonText: string | null;
  supportCaseId: string | null;
}

/** Records a take authorised at `at`, with its key's label then (a take is on record as made, 0062). */
export async function insertTake(db: Queryable, take: NewTake, at: Date): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO key_cabinet_take (municipality_id, key_cabinet_id, slot, backup_key_id, staff_member_id,
       reason, reason_text, support_case_id, authorised_at, backup_key_label)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
       (SELECT label FROM backup_key WHERE municipality_id = $1 AND id = $4)) RETURNING id`,
    [
      take.municipalityId,
      take.keyCabinetId,
      take.slot,
      take.backupKeyId,
      take.staffMemberId,
      take.reason,
      take.reasonText,
      take.supportCaseId,
      at,
    ],
  );
  return rows[0]!.id;
}

export interface TakeRow {
  id: string;
  keyCabinetId: string;
  slot: number;
  backupKeyId: string;
  /** The key's label when the take was authorised (or recorded), not today's. */
  backupKeyLabel: string | null;
  staffMemberId: string | null;
  staffName: string | null;
  /** Null on a take the cabinet recorded without an authorisation (`isUnauthorised`). */
  reason: string | null;
  reasonText: string | null;
  supportCaseId: string | null;
  supportCaseReference: string | null;
  authorisedAt: Date;
  takenAt: Date | null;
  takeSequence: number | null;
  returnedAt: Date | null;
  returnSequence: number | null;
  cancelledAt: Date | null;
  isWithdrawn: boolean;
  /** The cabinet recorded the take with no take authorised (migration 0060). */
  isUnauthorised: boolean;
  /** Whether the take record named someone other than the authorised staff member. */
  isTakenByOther: boolean;
  /** The staff member the take record named, where that is not the authorised one (if known). */
  takenByStaffMemberId: string | null;
  takenByName: string | null;
  takenByProviderId: string | null;
}

const takeSelect = `SELECT t.id, t.key_cabinet_id AS "keyCabinetId", t.slot, t.backup_key_id AS "backupKeyId",
    t.backup_key_label AS "backupKeyLabel", t.staff_member_id AS "staffMemberId",
    s.given_name || ' ' || s.family_name AS "staffName", t.reason, t.reason_text AS "reasonText",
    t.support_case_id AS "supportCaseId", c.reference AS "supportCaseReference", t.authorised_at AS "authorisedAt",
    t.taken_at AS "takenAt", t.take_sequence::int AS "takeSequence", t.returned_at AS "returnedAt",
    t.return_sequence::int AS "returnSequence", t.cancelled_at AS "cancelledAt",
    (t.withdrawn_by IS NOT NULL) AS "isWithdrawn", t.is_unauthorised AS "isUnauthorised",
    (t.taken_by_pseudonym IS NOT NULL AND NOT t.is_unauthorised) AS "isTakenByOther",
    o.id AS "takenByStaffMemberId", o.given_name || ' ' || o.family_name AS "takenByName",
    o.provider_id AS "takenByProviderId"
  FROM key_cabinet_take t
    LEFT JOIN staff_member s ON s.municipality_id = t.municipality_id AND s.id = t.staff_member_id
    LEFT JOIN staff_member o ON o.municipality_id = t.municipality_id AND o.pseudonym = t.taken_by_pseudonym
    LEFT JOIN support_case c ON c.municipality_id = t.municipality_id AND c.id = t.support_case_id
  WHERE t.municipality_id = $1`;

/** One take by id. */
export const findTake = createFirstRowQuery<TakeRow, [municipalityId: string, id: string]>(
  `${takeSelect} AND t.id = $2`,
);

/** A cabinet's newest takes (its log of takes and returns), newest first. */
export const listCabinetTakes = createRowsQuery<
  TakeRow,
  [municipalityId: string, keyCabinetId: string, limit: number]
>(`${takeSelect} AND t.key_cabinet_id = $2 ORDER BY t.authorised_at DESC, t.id DESC LIMIT $3`);

/** A cabinet's open takes (authorised or out), by slot. */
export const listOpenTakes = createRowsQuery<TakeRow, [municipalityId: string, keyCabinetId: string]>(
  `${takeSelect} AND t.key_cabinet_id = $2 AND t.returned_at IS NULL AND t.cancelled_at IS NULL ORDER BY t.slot`,
);

/** The backup keys held in a cabinet's slots. */
export const listCabinetKeys = createRowsQuery<
  { slot: number; id: string; label: string | null },
  [municipalityId: string, keyCabinetId: string]
>(
  `SELECT slot, id, label FROM backup_key WHERE municipality_id = $1 AND key_cabinet_id = $2 AND status = 'held'
   ORDER BY slot`,
);

/** A cabinet's signed take or return record, as ingest read it. */
export interface CabinetRecord {
  keyCabinetId: string;
  sequence: number;
  kind: 'key-taken' | 'key-returned';
  slot: number;
  /** The record's corrected time (ms). */
  atMs: number;
  staffPseudonym: string | null;
}

/**
 * Fills the matching open take from each record, in the order given (sequence order): a take
 * record closes the slot's authorised take (taken_at, take_sequence), a return record the slot's
 * take that is out (returned_at, return_sequence). Returns the records that matched no take, the
 * take records naming someone other than the take's staff member (kept on the take as
 * `taken_by_pseudonym`), and the unmatched take records that became an unauthorised take.
 */
/**
 * The authorised take's key is still held in the slot the record names: a take record closes only
 * a take of the key in the slot, never one of a key that has left it (docs/key-cabinets.md "Takes").
 */
const heldInSlot = `AND EXISTS (SELECT 1 FROM backup_key b WHERE b.municipality_id = $5 AND b.id = o.backup_key_id
             AND b.status = 'held' AND b.key_cabinet_id = $1 AND b.slot = $2)`;

export async function projectCabinetRecords(
  db: Queryable,
  municipalityId: string,
  records: CabinetRecord[],
): Promise<{ unmatched: CabinetRecord[]; otherStaff: CabinetRecord[]; unauthorised: CabinetRecord[] }> {
  const unmatched: CabinetRecord[] = [];
  const otherStaff: CabinetRecord[] = [];
  const unauthorised: CabinetRecord[] = [];
  for (const record of records) {
    const isTake = record.kind === 'key-taken';
    // A take record naming someone other than the authorised staff member keeps who it named.
    const { rows } = await db.query<{ isOther: boolean }>(
      `UPDATE key_cabinet_take t SET
         ${
           isTake
             ? `taken_at = $3, take_sequence = $4, taken_by_pseudonym = CASE WHEN $6::text IS NOT NULL
                  AND $6::text IS DISTINCT FROM (SELECT pseudonym FROM staff_member
                    WHERE municipality_id = $5 AND id = t.staff_member_id) THEN $6::text END`
             : 'returned_at = $3, return_sequence = $4'
         }
       WHERE t.municipality_id = $5 AND t.id = (SELECT o.id FROM key_cabinet_take o
           WHERE o.municipality_id = $5 AND o.key_cabinet_id = $1 AND o.slot = $2
           AND o.returned_at IS NULL AND o.cancelled_at IS NULL AND o.taken_at IS ${isTake ? '' : 'NOT '}NULL
           ${isTake ? heldInSlot : ''}
           ORDER BY o.authorised_at DESC LIMIT 1)
       RETURNING ($6::text IS NOT NULL AND $6::text IS DISTINCT FROM (SELECT pseudonym FROM staff_member
         WHERE municipality_id = $5 AND id = t.staff_member_id)) AS "isOther"`,
      [
        record.keyCabinetId,
        record.slot,
        new Date(record.atMs),
        record.sequence,
        municipalityId,
        isTake ? record.staffPseudonym : null,
      ],
    );
    if (rows.length > 0) {
      if (isTake && rows[0]!.isOther) otherStaff.push(record);
      continue;
    }
    unmatched.push(record);
    if (isTake && (await insertUnauthorisedTake(db, municipalityId, record))) unauthorised.push(record);
  }
  return { unmatched, otherStaff, unauthorised };
}

/**
 * A take record no take authorised, of a slot holding a key with no take open: the key is out
 * all the same, so it becomes an open take `is_unauthorised`, out from the record's time, until
 * the cabinet's return record closes it (docs/key-cabinets.md "Takes that were not authorised").
 * A record of a slot holding no key, or one whose key is already out, stays a finding only.
 */
async function insertUnauthorisedTake(
  db: Queryable,
  municipalityId: string,
  record: CabinetRecord,
): Promise<boolean> {
  const at = new Date(record.atMs);
  const { rowCount } = await db.query(
    `INSERT INTO key_cabinet_take (municipality_id, key_cabinet_id, slot, backup_key_id, reason,
       authorised_at, taken_at, take_sequence, is_unauthorised, taken_by_pseudonym, backup_key_label)
     SELECT $1, $2, $3, b.id, NULL, $4, $4, $5, true, $6, b.label FROM backup_key b
     WHERE b.municipality_id = $1 AND b.key_cabinet_id = $2 AND b.slot = $3 AND b.status = 'held'
       AND NOT EXISTS (SELECT 1 FROM key_cabinet_take o WHERE o.municipality_id = $1 AND o.key_cabinet_id = $2
         AND o.slot = $3 AND o.returned_at IS NULL AND o.cancelled_at IS NULL)
     ON CONFLICT DO NOTHING`,
    [municipalityId, record.keyCabinetId, record.slot, at, record.sequence, record.staffPseudonym],
  );
  return (rowCount ?? 0) > 0;
}

export interface SupportCaseSubject {
  customerId: string | null;
  doorId: string | null;
  /** The door the case's lock is on, when the case names a lock. */
  lockDoorId: string | null;
}

/**
 * What a support case is about, to check a take links to a case about its own key. Unmasked: call
 * it only for a case already found in the caller's scope (`findSupportCase`), and show none of it.
 */
export const findSupportCaseSubject = createFirstRowQuery<
  SupportCaseSubject,
  [municipalityId: string, supportCaseId: string]
>(`SELECT t.customer_id AS "customerId", t.door_id AS "doorId", l.door_id AS "lockDoorId"
   FROM support_case t LEFT JOIN lock_device l ON l.municipality_id = t.municipality_id AND l.id = t.lock_device_id
   WHERE t.municipality_id = $1 AND t.id = $2`);

export interface ProviderCabinetRecordRow {
  at: Date;
  keyCabinetId: string;
  cabinetName: string;
  sequence: number;
  kind: number;
  record: Buffer;
  staffMemberId: string | null;
  takeId: string | null;
  reason: string | null;
}

/**
 * The take and return records of a provider's cabinets in [from, to), oldest first, with the take
 * each one closed (none: the record matched no authorised take). For the provider audit.
 */
export async function listProviderCabinetRecords(
  db: Queryable,
  query: { municipalityId: string; providerId: string; from: Date; to: Date; kinds: number[] },
): Promise<ProviderCabinetRecordRow[]> {
  const { rows } = await db.query<ProviderCabinetRecordRow>(
    `SELECT e.occurred_at AS at, e.device_id AS "keyCabinetId", c.name AS "cabinetName", e.sequence::int AS sequence,
       e.kind, e.record, s.id AS "staffMemberId", t.id AS "takeId", t.reason
     FROM device_event_all e JOIN key_cabinet c ON c.municipality_id = e.municipality_id AND c.id = e.device_id
       LEFT JOIN staff_member s ON s.municipality_id = e.municipality_id AND s.pseudonym = e.staff_pseudonym
       LEFT JOIN key_cabinet_take t ON t.municipality_id = e.municipality_id AND t.key_cabinet_id = e.device_id
         AND NOT t.is_unauthorised AND (t.take_sequence = e.sequence OR t.return_sequence = e.sequence)
     WHERE e.municipality_id = $1 AND c.provider_id = $2 AND e.kind = ANY($3::smallint[])
       AND e.occurred_at >= $4 AND e.occurred_at < $5
     ORDER BY e.occurred_at, e.sequence`,
    [query.municipalityId, query.providerId, query.kinds, query.from, query.to],
  );
  return rows;
}
