// Work shifts as the API shows them (contract `WorkShift`): instants as ISO strings.
import type { WorkShift } from '@portvakt/contract';
import type { WorkShiftRow } from '@portvakt/storage';

export function presentWorkShift(row: WorkShiftRow): WorkShift {
  return {
    id: row.id,
    staffMemberId: row.staffMemberId,
    staffName: row.staffName,
    providerId: row.providerId,
    source: row.source,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    approvedAt: row.approvedAt?.toISOString() ?? null,
    approvedBy: row.approvedBy,
    approvedByName: row.approvedByName,
  };
}
