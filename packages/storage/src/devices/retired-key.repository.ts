// Keys an enrolment held before it was re-enrolled (migration 0043, docs/event-log.md
// "Re-enrolment"): what verify-log checks the older chain heads with, and where the new key's
// part of the chain starts.
import { createRowsQuery } from '../platform/queryable';
import type { Queryable } from '../registry';
import type { EnrolmentRecord } from './device.repository';

/** Where a re-enrolled device's record chain continues: after `sequence`, linking to `hash`. */
export interface ChainContinuation {
  sequence: number;
  hash: Buffer;
}

/**
 * Keeps the key `enrolment` holds now as retired, with the chain's last stored sequence, before a
 * new key replaces it. Locks the chain row so no batch under the old key is stored after the
 * point the new device continues from. Returns that point (undefined: nothing stored yet, the
 * device starts at 1).
 */
export async function retireEnrolmentKey(
  db: Queryable,
  enrolment: Pick<EnrolmentRecord, 'municipalityId' | 'id' | 'publicJwk'>,
  change: { retiredBy: string; at: Date },
): Promise<ChainContinuation | undefined> {
  const { rows } = await db.query<{ sequence: string; hash: Buffer }>(
    `SELECT last_sequence AS sequence, last_hash AS hash FROM device_chain
     WHERE municipality_id = $1 AND device_id = $2 FOR UPDATE`,
    [enrolment.municipalityId, enrolment.id],
  );
  const chain = rows[0] && Number(rows[0].sequence) > 0 ? rows[0] : undefined;
  await db.query(
    `INSERT INTO device_enrolment_retired_key (municipality_id, enrolment_id, public_jwk, up_to_sequence, retired_at, retired_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      enrolment.municipalityId,
      enrolment.id,
      JSON.stringify(enrolment.publicJwk),
      chain ? chain.sequence : 0,
      change.at,
      change.retiredBy,
    ],
  );
  return chain ? { sequence: Number(chain.sequence), hash: chain.hash } : undefined;
}

export interface RetiredKey {
  enrolmentId: string;
  publicJwk: EnrolmentRecord['publicJwk'];
  /** Heads up to this sequence (after the previous retired key's) were signed with this key. */
  upToSequence: number;
}

/**
 * The retired keys of a municipality's enrolments (all municipalities' when null), oldest first per
 * enrolment: by the part of the chain each signed, then by when it was replaced (a key that signed
 * nothing stored shares its predecessor's `upToSequence`; migration 0049 adds keys replaced before
 * 0043 after later ones).
 */
export async function listRetiredEnrolmentKeys(
  db: Queryable,
  municipalityId: string | null,
): Promise<RetiredKey[]> {
  const { rows } = await db.query<{
    enrolmentId: string;
    publicJwk: RetiredKey['publicJwk'];
    upToSequence: string;
  }>(
    `SELECT enrolment_id AS "enrolmentId", public_jwk AS "publicJwk", up_to_sequence AS "upToSequence"
     FROM device_enrolment_retired_key WHERE $1::uuid IS NULL OR municipality_id = $1
     ORDER BY enrolment_id, up_to_sequence, retired_at, id`,
    [municipalityId],
  );
  return rows.map((row) => ({ ...row, upToSequence: Number(row.upToSequence) }));
}

/**
 * The keys one enrolment held before it was re-enrolled, newest first: a request signed by one of
 * them comes from the replaced unit (docs/phone-app.md "First use"), not from a forger. Read only
 * when a signature fails under the enrolment's key.
 */
export const listEnrolmentRetiredKeys = createRowsQuery<
  { publicJwk: EnrolmentRecord['publicJwk'] },
  [municipalityId: string, enrolmentId: string]
>(
  `SELECT public_jwk AS "publicJwk" FROM device_enrolment_retired_key
   WHERE municipality_id = $1 AND enrolment_id = $2 ORDER BY retired_at DESC, id DESC`,
);
