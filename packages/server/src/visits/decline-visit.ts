import type { Static } from 'typebox';
import type { DeclineVisitBody } from '@portvakt/contract';
import type { UseCaseOptions } from '../platform/context';
import { changeVisit } from './visit-change';

/**
 * Records that the customer declined the visit, with their reason, as a new version: the staff
 * member was there (the records stay linked) but no care was given, so no customer time counts.
 */
export async function declineVisit(
  options: UseCaseOptions<Static<typeof DeclineVisitBody> & { visitId: string }> & { now: Date },
) {
  return changeVisit(options, 'decline', (current) => ({
    ...current,
    // A declined visit keeps its times; one without a departure is closed at its arrival + 1 min.
    departure: current.departure ?? new Date(current.arrival.getTime() + 60_000),
    state: 'declined',
    services: [],
    declinedReason: options.input.reason,
  }));
}
