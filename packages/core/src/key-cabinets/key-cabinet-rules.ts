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

export type SlotState = 'empty' | 'in' | 'authorised' | 'out';

/** What a slot shows: no held key; the key in; a take authorised, not yet taken; the key out. */
export function decideSlotState(
  hasHeldKey: boolean,
  openTake: { takenAt: Date | null } | undefined,
): SlotState {
  if (openTake?.takenAt) return 'out';
  if (!hasHeldKey) return 'empty';
  return openTake ? 'authorised' : 'in';
}
