// Backup keys, receipts and deviation plans as the API shows them (contract/src/backup-keys.ts).
import { judgePlanStatus } from '@portvakt/core';
import type { BackupKey, DeviationPlan, KeyReceipt } from '@portvakt/contract';
import type { BackupKeyRow, DeviationPlanRow, KeyReceiptRow } from '@portvakt/storage';

export function presentBackupKey(row: BackupKeyRow): BackupKey {
  const { municipalityId: _municipality, createdAt, ...rest } = row;
  return { ...rest, createdAt: createdAt.toISOString() };
}

export function presentKeyReceipt(row: KeyReceiptRow): KeyReceipt {
  return { ...row, recordedAt: row.recordedAt.toISOString() };
}

/** A plan with its status on `day` among all its provider's plans (core's rule). */
export function presentDeviationPlan(
  row: DeviationPlanRow,
  plans: readonly DeviationPlanRow[],
  day: string,
): DeviationPlan {
  const { municipalityId: _municipality, approvedOn: _approvedOn, rejectedOn: _rejectedOn, ...rest } = row;
  return {
    ...rest,
    status: judgePlanStatus(row, plans, day),
    recordedAt: row.recordedAt.toISOString(),
    approvedAt: row.approvedAt?.toISOString() ?? null,
    rejectedAt: row.rejectedAt?.toISOString() ?? null,
  };
}
