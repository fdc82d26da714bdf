// Backup keys for tests of key cabinets, written with plain SQL (the backup-key API is another
// capability's; these are fixtures, not its use cases).
import type { Queryable } from '../platform/queryable';

export async function insertBackupKeyForTest(
  db: Queryable,
  row: {
    municipalityId: string;
    customerId: string;
    providerId: string;
    doorId: string;
    keyCabinetId: string;
    slot: number;
    label?: string;
    receivedOn?: string;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO backup_key (municipality_id, customer_id, provider_id, door_id, key_cabinet_id, slot, label,
       received_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'test') RETURNING id`,
    [
      row.municipalityId,
      row.customerId,
      row.providerId,
      row.doorId,
      row.keyCabinetId,
      row.slot,
      row.label ?? null,
      row.receivedOn ?? '2027-01-04',
    ],
  );
  return rows[0]!.id;
}
