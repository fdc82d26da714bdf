import { decodeEventRecord, eventKinds } from '@portvakt/protocol';
import { listProviderCabinetRecords as readRecords, type Queryable } from '@portvakt/storage';

export interface CabinetRecordLine {
  occurredAt: string;
  keyCabinetId: string;
  cabinetName: string;
  sequence: number;
  kind: 'key-taken' | 'key-returned';
  slot: number | null;
  staffMemberId: string | null;
  /** The authorised take the record closed; null: no take authorised it (a finding at ingest). */
  takeId: string | null;
  reason: string | null;
}

/**
 * Every take and return the provider's cabinets signed in the period, for the provider audit
 * (docs/key-cabinets.md "Reports"), each with the take it closed or none.
 */
export async function listProviderCabinetRecords(
  db: Queryable,
  query: { municipalityId: string; providerId: string; from: Date; to: Date },
): Promise<CabinetRecordLine[]> {
  const rows = await readRecords(db, {
    ...query,
    kinds: [eventKinds['key-taken'], eventKinds['key-returned']],
  });
  return rows.map((row) => ({
    occurredAt: row.at.toISOString(),
    keyCabinetId: row.keyCabinetId,
    cabinetName: row.cabinetName,
    sequence: row.sequence,
    kind: row.kind === eventKinds['key-taken'] ? 'key-taken' : 'key-returned',
    // The slot is in the signed bytes only; an altered record shows none (verify-log reports it).
    slot: readSlot(row.record),
    staffMemberId: row.staffMemberId,
    takeId: row.takeId,
    reason: row.reason,
  }));
}

function readSlot(record: Buffer): number | null {
  try {
    return decodeEventRecord(new Uint8Array(record)).slot ?? null;
  } catch {
    return null;
  }
}
