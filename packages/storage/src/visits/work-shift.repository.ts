// Work shifts (docs/visits.md "Work shifts"): a key activation or a phone login opens the key
// holder's shift until its ticket expires; another one while the shift is open extends it.
import type { Queryable } from '../platform/queryable';

/**
 * CTEs `shift_extended` and `shift_started` that open or extend the shift of digital key `key`'s
 * holder until `endsAt` when `when` holds; `now` is the issuer's clock (the server's, which tests
 * fix), when the shift starts. Written once so that activation can run them inside its one
 * statement (the hot path) and phone login in its own.
 */
export function workShiftCtes(p: {
  key: string;
  endsAt: string;
  source: string;
  when: string;
  now: string;
}): string {
  return `shift_extended AS (
       UPDATE work_shift w SET ends_at = greatest(w.ends_at, ${p.endsAt}::timestamptz)
       FROM digital_key k
       WHERE ${p.when} AND k.id = ${p.key}::uuid AND w.staff_member_id = k.holder_staff_member_id
         AND w.source = ${p.source} AND w.ends_at > ${p.now}::timestamptz
       RETURNING w.id
     ), shift_started AS (
       INSERT INTO work_shift (municipality_id, provider_id, staff_member_id, source, digital_key_id, starts_at, ends_at)
       SELECT k.municipality_id, k.provider_id, k.holder_staff_member_id, ${p.source}, k.id, ${p.now}::timestamptz, ${p.endsAt}::timestamptz
       FROM digital_key k
       WHERE ${p.when} AND k.id = ${p.key}::uuid AND k.holder_staff_member_id IS NOT NULL
         AND ${p.endsAt}::timestamptz > ${p.now}::timestamptz AND NOT EXISTS (SELECT 1 FROM shift_extended)
       RETURNING id
     )`;
}

/** Opens or extends the key holder's shift from `now` until `endsAt` (phone login, phone check-in). */
export async function openWorkShift(
  db: Queryable,
  digitalKeyId: string,
  source: 'activation' | 'phone',
  endsAt: Date,
  now: Date,
): Promise<void> {
  await db.query(
    `WITH ${workShiftCtes({ key: '$1', endsAt: '$2', source: '$3::text', when: 'true', now: '$4' })}
     SELECT (SELECT count(*) FROM shift_extended) + (SELECT count(*) FROM shift_started) AS n`,
    [digitalKeyId, endsAt, source, now],
  );
}

export interface WorkShiftRow {
  id: string;
  staffMemberId: string;
  providerId: string;
  source: string;
  startsAt: Date;
  endsAt: Date;
  approvedAt: Date | null;
}
