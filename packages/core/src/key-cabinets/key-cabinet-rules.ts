// Rules of key cabinets (docs/key-cabinets.md, R9.3): when a server-authorised take lapses, when
// a key out is overdue, which reasons need words, what a slot shows, and which support case
// category a digital-failure take opens. Pure: the server and storage supply rows and the clock.
import type { KeyTakeReason, SupportCaseCategory } from '../support';

/**
 * Minutes an authorised take waits for the cabinet's take record: staff authorise standing at the
 * cabinet. After that the authorisation lapses and no longer blocks the slot.
 */
export const takeAuthorisationMinutes = 15;

/** Whether an authorisation the cabinet has not (yet) used has lapsed at `now`. */
export function isAuthorisationLapsed(
  take: { authorisedAt: Date; takenAt: Date | null },
  now: Date,
): boolean {
  return (
    take.takenAt === null && now.getTime() - take.authorisedAt.getTime() > takeAuthorisationMinutes * 60_000
  );
}

/**
 * The earliest instant an authorisation not yet used may have been made and still be in force at
 * `now`: one made before it has lapsed (`isAuthorisationLapsed`). For counting in SQL the takes
 * that happened or may still, never one that lapsed unused ("Nycklar kvar", docs/backup-keys.md).
 */
export function findEarliestAuthorisationInForce(now: Date): Date {
  return new Date(now.getTime() - takeAuthorisationMinutes * 60_000);
}

/** Whether a key taken at `takenAt` and not returned is out longer than the limit at `now`. */
export function isKeyOverdue(
  take: { takenAt: Date | null; returnedAt: Date | null },
  now: Date,
  keyOutLimitMinutes: number,
): boolean {
  if (!take.takenAt || take.returnedAt) return false;
  return now.getTime() - take.takenAt.getTime() > keyOutLimitMinutes * 60_000;
}

/** "Other" says nothing by itself: the person taking the key writes why. */
export function isReasonTextRequired(reason: KeyTakeReason): boolean {
  return reason === 'other';
}

/** The support case a digital-failure take opens, by its reason. */
export const supportCategoryOfTakeReason: Record<
  Exclude<KeyTakeReason, 'planned' | 'other'>,
  SupportCaseCategory
> = {
  lock_fault: 'lock_fault',
  key_fault: 'key_fault',
  phone_fault: 'cannot_get_in',
  battery: 'battery',
};

/**
 * What a slot shows. A key out is `out` when the cabinet's take record closed an authorised take
 * by its staff member; `out_by_other` when the record named someone else (the key is not with the
 * person authorised); `out_unauthorised` when no take was authorised at all (docs/key-cabinets.md
 * "Takes that were not authorised"). Each stays out until the cabinet records the key back in.
 */
export type SlotState = 'empty' | 'in' | 'authorised' | 'out' | 'out_by_other' | 'out_unauthorised';

/**
 * Whether a slot's open take is about the key the slot holds now (`heldKeyId`, undefined when
 * none): a take is bound to one backup key, never to whatever key is put in its slot later. A
 * take out of a slot that is empty now is still the slot's (its key is out).
 */
export function isTakeOfSlotKey(
  take: { backupKeyId: string; takenAt: Date | null },
  heldKeyId: string | undefined,
): boolean {
  return heldKeyId === undefined ? take.takenAt !== null : take.backupKeyId === heldKeyId;
}

/**
 * What an open take of a held key means when the key is to leave its slot (returned to the
 * customer, moved; docs/key-cabinets.md "Takes"): a key that is out must go back into the cabinet
 * first (`out`); an authorisation still in force is not withdrawn under the staff member standing
 * at the cabinet (`authorised`); one that lapsed is cancelled with the change (`cancel`).
 */
export function judgeOpenTakeOfLeavingKey(
  take: { authorisedAt: Date; takenAt: Date | null },
  now: Date,
): 'out' | 'authorised' | 'cancel' {
  if (take.takenAt !== null) return 'out';
  return isAuthorisationLapsed(take, now) ? 'cancel' : 'authorised';
}

export interface TakeRuleRefusal {
  code: 'support_case_of_other_customer';
  field: 'supportCaseId';
  message: string;
}

/**
 * A take links to a support case about its own key (docs/key-cabinets.md "Takes"): a case naming
 * a customer names the key's customer; one naming no customer may name only the key's door, or a
 * lock on it. A case about none of these (a staff member's phone) contradicts nothing.
 */
export function checkTakeCaseSubject(
  supportCase: { customerId: string | null; doorId: string | null; lockDoorId: string | null },
  key: { customerId: string; doorId: string },
): TakeRuleRefusal | null {
  const isOtherDoor = (doorId: string | null) => doorId !== null && doorId !== key.doorId;
  const isAboutOther =
    supportCase.customerId !== null
      ? supportCase.customerId !== key.customerId
      : isOtherDoor(supportCase.doorId) || isOtherDoor(supportCase.lockDoorId);
  return isAboutOther
    ? {
        code: 'support_case_of_other_customer',
        field: 'supportCaseId',
        message: 'The support case is about another customer or door than the key taken.',
      }
    : null;
}

/** What a slot shows: no held key; the key in; a take authorised, not yet taken; the key out (and how). */
export function decideSlotState(
  hasHeldKey: boolean,
  openTake: { takenAt: Date | null; isUnauthorised?: boolean; isTakenByOther?: boolean } | undefined,
): SlotState {
  if (openTake?.takenAt) {
    if (openTake.isUnauthorised) return 'out_unauthorised';
    return openTake.isTakenByOther ? 'out_by_other' : 'out';
  }
  if (!hasHeldKey) return 'empty';
  return openTake ? 'authorised' : 'in';
}
