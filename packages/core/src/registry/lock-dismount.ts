// Dismounting a lock: taking an installed lock off its door (status `in_stock` or `removed`, or
// the door changed or cleared; a lock marked `faulty` on its door is still there). While the door is on an active customer's way in, staff would
// lose their way in to that customer, so it takes a deliberate, explained decision.

export interface LockState {
  status?: unknown;
  doorId?: unknown;
}

/** The door an update takes the lock off, or undefined when the update is no dismount. */
export function dismountedDoor(before: LockState, after: LockState): string | undefined {
  const isOnDoor = (status: unknown) => status === 'installed' || status === 'faulty';
  if (!isOnDoor(before.status) || typeof before.doorId !== 'string') return undefined;
  const isStillOnDoor = isOnDoor(after.status);
  if (isStillOnDoor && after.doorId === before.doorId) return undefined;
  return before.doorId;
}

/** Shortest reason accepted for forcing a dismount (it goes into the audit trail). */
export const minimumDismountReasonLength = 3;

/** Whether a forced dismount comes without a reason good enough for the audit trail. */
export function isDismountReasonMissing(isForced: boolean, reason: string): boolean {
  return isForced && reason.trim().length < minimumDismountReasonLength;
}
