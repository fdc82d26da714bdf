// Rows of key cabinets and takes as the API answers them (contract/src/key-cabinets.ts).
import type { KeyCabinetTake } from '@portvakt/contract';
import { isAuthorisationLapsed, isKeyOverdue, type KeyTakeReason } from '@portvakt/core';
import type { TakeRow } from '@portvakt/storage';

const iso = (at: Date | null) => (at === null ? null : at.toISOString());

export function presentTake(row: TakeRow, now: Date, keyOutLimitMinutes: number): KeyCabinetTake {
  return {
    ...row,
    reason: row.reason as KeyTakeReason,
    authorisedAt: row.authorisedAt.toISOString(),
    takenAt: iso(row.takenAt),
    returnedAt: iso(row.returnedAt),
    cancelledAt: iso(row.cancelledAt),
    isLapsed:
      row.takenAt === null &&
      !row.isWithdrawn &&
      (row.cancelledAt !== null || isAuthorisationLapsed(row, now)),
    isOverdue: row.cancelledAt === null && isKeyOverdue(row, now, keyOutLimitMinutes),
  };
}
