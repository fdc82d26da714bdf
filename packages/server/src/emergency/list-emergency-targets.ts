import type { EmergencyTargetList } from '@portvakt/contract';
import { findLocalDay } from '@portvakt/core';
import { listEmergencyTargets as listTargetRows } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';

/**
 * The report form's choices: customers the actor may report for (a provider's people: the
 * customers their provider serves today; support: anyone), with the doors on their way in.
 */
export async function listEmergencyTargets({
  db,
  actor,
  input,
  now,
}: ReadOptions<{ search?: string | undefined }> & { now: Date }): Promise<EmergencyTargetList> {
  const scope = authorise(actor, 'emergency_opening', 'create');
  const providerId = scope.kind === 'provider' || scope.kind === 'self' ? scope.providerId : null;
  const items = await listTargetRows(db, {
    municipalityId: actor.municipalityId,
    providerId,
    day: findLocalDay(now),
    search: input.search?.trim() || null,
    limit: 50,
  });
  return { items: items as EmergencyTargetList['items'] };
}
