import type { EmergencyOpening } from '@portvakt/contract';
import { findEmergencyOpening } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { presentEmergency } from './emergency-presenter';

/** One emergency inside the actor's scope; 404 outside it. */
export async function readEmergencyOpening({
  db,
  actor,
  input,
  now,
}: ReadOptions<{ id: string }> & { now: Date }): Promise<EmergencyOpening> {
  const scope = authorise(actor, 'emergency_opening', 'read');
  const row = await findEmergencyOpening(db, scope, input.id);
  if (!row) throw notFound('emergency opening');
  return presentEmergency(row, scope, now);
}
