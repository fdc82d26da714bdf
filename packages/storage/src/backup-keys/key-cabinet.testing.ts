// Key cabinets for tests of backup keys: rows inserted directly, since the cabinet API (and its
// device enrolment) is another capability's (docs/backup-keys.md).
import type { Queryable } from '../platform/queryable';

export async function insertTestKeyCabinet(
  db: Queryable,
  cabinet: {
    municipalityId: string;
    providerId: string;
    name: string;
    slotCount: number;
    isRetired?: boolean;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO key_cabinet (municipality_id, provider_id, name, slot_count, location, retired_at)
     VALUES ($1, $2, $3, $4, 'Kontoret', CASE WHEN $5 THEN now() END) RETURNING id`,
    [cabinet.municipalityId, cabinet.providerId, cabinet.name, cabinet.slotCount, cabinet.isRetired === true],
  );
  return rows[0]!.id;
}
