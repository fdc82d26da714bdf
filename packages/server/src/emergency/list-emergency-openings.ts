import type { EmergencyOpening, EmergencyOpeningList, EmergencyTargetList } from '@portvakt/contract';
import { findLocalDay, readSupportSettings } from '@portvakt/core';
import {
  findEmergencyOpening,
  findMunicipality,
  listEmergencyOpenings as listRows,
  listEmergencyTargets as listTargetRows,
} from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { presentEmergency } from './emergency-presenter';

/** The board: open emergencies by deadline (or closed, or all), each flagged near or overdue. */
export async function listEmergencyOpenings({
  db,
  actor,
  input,
  now,
}: ReadOptions<{ state?: 'open' | 'closed' | 'all' | undefined; limit?: number | undefined }> & {
  now: Date;
}): Promise<EmergencyOpeningList> {
  const scope = authorise(actor, 'emergency_opening', 'read');
  const rows = await listRows(db, scope, { state: input.state ?? 'open', limit: input.limit ?? 200 });
  const settings = readSupportSettings((await findMunicipality(db, actor.municipalityId))?.settings ?? {});
  return {
    items: rows.map((row) => presentEmergency(row, scope, now)),
    now: now.toISOString(),
    slaMinutes: settings.emergencySlaMinutes,
  };
}

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
