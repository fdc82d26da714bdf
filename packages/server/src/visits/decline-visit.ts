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
    // A declined visit keeps its times, a missing departure too: none is made up (migration 0055).
    state: 'declined',
    services: [],
    declinedReason: options.input.reason,
  }));
}
