/**
 * Whether a key counts as activated now: active, activated within one shift, and holding an
 * unexpired ticket (what the console shows as "aktiverad").
 */
export function isKeyActivatedNow(
  key: { status: string; lastActivationAt: string | null; ticketExpiresAt: string | null },
  shiftHours: number,
  now: number,
): boolean {
  return (
    key.status === 'active' &&
    key.lastActivationAt !== null &&
    Date.parse(key.lastActivationAt) + shiftHours * 3600 * 1000 > now &&
    key.ticketExpiresAt !== null &&
    Date.parse(key.ticketExpiresAt) > now
  );
}

/** The shift length a municipality's settings give (12 hours unless set). */
export function shiftHoursOf(settings: unknown): number {
  return (settings as { shiftHours?: number } | undefined)?.shiftHours ?? 12;
}
