import type { EmergencyOpening } from '@portvakt/contract';
import { findEmergencyOpening } from '@portvakt/storage';
import type { ReadOptions } from '../platform/context';
import { findInScope } from '../platform/usecase-find-in-scope';
import { presentEmergency } from './emergency-presenter';

/** One emergency inside the actor's scope; 404 outside it. */
export async function readEmergencyOpening(
  options: ReadOptions<{ id: string }> & { now: Date },
): Promise<EmergencyOpening> {
  const { db, input } = options;
  const { scope, found } = await findInScope(options, 'emergency_opening', 'emergency opening', (scope) =>
    findEmergencyOpening(db, scope, input.id),
  );
  return presentEmergency(found, scope, options.now);
}
