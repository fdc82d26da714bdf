// Rows of key cabinets and takes as the API answers them (contract/src/key-cabinets.ts).
import type { KeyCabinetTake } from '@portvakt/contract';
import {
  decideAccess,
  isAuthorisationLapsed,
  isKeyOverdue,
  type Actor,
  type KeyTakeReason,
} from '@portvakt/core';
import type { TakeRow } from '@portvakt/storage';

const iso = (at: Date | null) => (at === null ? null : at.toISOString());

/**
 * Whether the reader is told who a cabinet's take record named, when that is not the staff member
 * authorised (docs/key-cabinets.md): the cabinet's provider's staff are named to every reader of
 * the cabinet, as authorised takes are; anyone else only to a reader of every staff member.
 */
export function decideTakerNaming(
  actor: Actor,
  cabinetProviderId: string,
): (takerProviderId: string | null) => boolean {
  const readsAllStaff = decideAccess(actor, 'staff_member', 'read')?.kind === 'municipality';
  return (takerProviderId) => readsAllStaff || takerProviderId === cabinetProviderId;
}

export function presentTake(
  row: TakeRow,
  now: Date,
  keyOutLimitMinutes: number,
  namesTaker: (takerProviderId: string | null) => boolean = () => false,
): KeyCabinetTake {
  const { takenByProviderId, ...take } = row;
  const isTakerNamed = row.takenByStaffMemberId !== null && namesTaker(takenByProviderId);
  return {
    ...take,
    reason: row.reason as KeyTakeReason | null,
    // An unauthorised take's row holds the record's time there, never an authorisation.
    authorisedAt: row.isUnauthorised ? null : row.authorisedAt.toISOString(),
    takenAt: iso(row.takenAt),
    returnedAt: iso(row.returnedAt),
    cancelledAt: iso(row.cancelledAt),
    isLapsed:
      row.takenAt === null &&
      !row.isWithdrawn &&
      (row.cancelledAt !== null || isAuthorisationLapsed(row, now)),
    isOverdue: row.cancelledAt === null && isKeyOverdue(row, now, keyOutLimitMinutes),
    takenByStaffMemberId: isTakerNamed ? row.takenByStaffMemberId : null,
    takenByName: isTakerNamed ? row.takenByName : null,
  };
}
