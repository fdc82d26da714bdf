// When a customer's physical keys may go back (R8.3; docs/backup-keys.md "Readiness"): every
// provider the customer has chosen (their services in force: day provider, night patrol, alarm
// provider …) is introduced to keyless work and has an approved deviation plan in force, every
// door on their way in has a lock in use, and the municipality's round-the-clock support is
// established. Otherwise the list of what is missing, as stable codes with parameters the
// console words in Swedish or English.

export const readinessGapCodes = [
  'no_provider',
  'provider_not_introduced',
  'deviation_plan_missing',
  'no_doors_on_path',
  'door_without_lock',
  'lock_not_in_use',
  'round_the_clock_support_missing',
] as const;
export type ReadinessGapCode = (typeof readinessGapCodes)[number];

export interface ReadinessGap {
  code: ReadinessGapCode;
  /** The provider concerned (provider gaps); null where the reader may not learn which. */
  providerId?: string | null;
  providerName?: string | null;
  /** The door concerned (door gaps). */
  doorId?: string;
  doorLabel?: string;
  /** The day support is established from, when set but later than the day judged. */
  since?: string | null;
}

export interface ReadinessProvider {
  providerId: string;
  name: string;
  /** The day the provider was introduced to the customer, or null. */
  introducedOn: string | null;
  /** Whether the provider has an approved deviation plan in force on the day (findPlanInForce). */
  hasPlanInForce: boolean;
}

export interface ReadinessDoor {
  doorId: string;
  label: string;
  lockId: string | null;
  /** lock_usage_on(municipality, day): the door's installed lock is in use. */
  isInUse: boolean;
}

export interface ReadinessFacts {
  /** The day judged, YYYY-MM-DD. */
  day: string;
  /** The providers of the customer's services in force on the day, one each. */
  providers: readonly ReadinessProvider[];
  /** The doors on the customer's way in: path steps, then the apartment door. */
  doors: readonly ReadinessDoor[];
  /** The municipality setting roundTheClockSupportSince. */
  roundTheClockSupportSince: string | null;
}

export interface Readiness {
  isReady: boolean;
  missing: ReadinessGap[];
}

/** Judges one customer's readiness for their keys to go back on `facts.day`. */
export function judgeKeyReturnReadiness(facts: ReadinessFacts): Readiness {
  const missing: ReadinessGap[] = [];
  if (facts.providers.length === 0) missing.push({ code: 'no_provider' });
  for (const provider of facts.providers) {
    const who = { providerId: provider.providerId, providerName: provider.name };
    if (provider.introducedOn === null || provider.introducedOn > facts.day)
      missing.push({ code: 'provider_not_introduced', ...who });
    if (!provider.hasPlanInForce) missing.push({ code: 'deviation_plan_missing', ...who });
  }
  if (facts.doors.length === 0) missing.push({ code: 'no_doors_on_path' });
  for (const door of facts.doors) {
    const which = { doorId: door.doorId, doorLabel: door.label };
    if (door.lockId === null) missing.push({ code: 'door_without_lock', ...which });
    else if (!door.isInUse) missing.push({ code: 'lock_not_in_use', ...which });
  }
  const since = facts.roundTheClockSupportSince;
  if (since === null || since > facts.day) missing.push({ code: 'round_the_clock_support_missing', since });
  return { isReady: missing.length === 0, missing };
}

/**
 * What a provider's work lead may learn of the gaps: other providers serving the customer are not
 * named (as on the customer's lock status), only that one is not ready yet.
 */
export function maskOtherProviders(missing: readonly ReadinessGap[], ownProviderId: string): ReadinessGap[] {
  return missing.map((gap) =>
    gap.providerId && gap.providerId !== ownProviderId
      ? { ...gap, providerId: null, providerName: null }
      : gap,
  );
}
