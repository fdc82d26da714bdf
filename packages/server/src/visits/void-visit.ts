import type { Static } from 'typebox';
import type { VoidVisitBody } from '@portvakt/contract';
import type { UseCaseOptions } from '../platform/context';
import { changeVisit } from './visit-change';

/**
 * Voids a visit registered by mistake (wrong customer, wrong day, registered twice) as a new
 * version, with why: it never happened, so it counts nothing and relatives' visit list leaves it
 * out, unlike a decline, where staff came (docs/visits.md "Corrections").
 */
export async function voidVisit(
  options: UseCaseOptions<Static<typeof VoidVisitBody> & { visitId: string }> & { now: Date },
) {
  return changeVisit(options, 'void', (current) => ({
    ...current,
    // Its times and services stay as registered, a missing departure too, so the mistake can be
    // read back and a correction that makes it count again keeps them.
    state: 'voided',
    declinedReason: null,
  }));
}
