// Legal holds (docs/event-log.md "Retention and legal hold"): a customer's or a lock's events kept
// past the retention limit until the hold is released.
import type { Queryable } from '../registry';
import { createRowsQuery } from '../platform/queryable';

export interface LegalHold {
  id: string;
  customerId: string | null;
  lockDeviceId: string | null;
  reason: string;
  placedBy: string;
  placedAt: Date;
  releasedBy: string | null;
  releasedAt: Date | null;
}

/** The municipality's holds, active and released, newest first. */
export const listLegalHolds = createRowsQuery<
  LegalHold,
  [municipalityId: string]
>(`SELECT id, customer_id AS "customerId", lock_device_id AS "lockDeviceId", reason, placed_by AS "placedBy",
     placed_at AS "placedAt", released_by AS "releasedBy", released_at AS "releasedAt"
   FROM legal_hold WHERE municipality_id = $1 ORDER BY placed_at DESC`);

/** Places a legal hold on a customer or a lock. */
export async function placeLegalHold(
  db: Queryable,
  hold: {
    municipalityId: string;
    customerId?: string;
    lockDeviceId?: string;
    reason: string;
    placedBy: string;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO legal_hold (municipality_id, customer_id, lock_device_id, reason, placed_by)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [hold.municipalityId, hold.customerId ?? null, hold.lockDeviceId ?? null, hold.reason, hold.placedBy],
  );
  return rows[0]!.id;
}

/** Releases a legal hold; the next retention run removes what it kept past the limit. */
export async function releaseLegalHold(
  db: Queryable,
  municipalityId: string,
  id: string,
  releasedBy: string,
): Promise<boolean> {
  const result = await db.query(
    `UPDATE legal_hold SET released_at = now(), released_by = $3
     WHERE id = $1 AND municipality_id = $2 AND released_at IS NULL`,
    [id, municipalityId, releasedBy],
  );
  return (result.rowCount ?? 0) > 0;
}
