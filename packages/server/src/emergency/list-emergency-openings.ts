import type { EmergencyOpeningList } from '@portvakt/contract';
import { readSupportSettings } from '@portvakt/core';
import { listEmergencyOpenings as listRows } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { readMunicipalitySettings } from '../platform/municipality-settings';
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
  const settings = readSupportSettings(await readMunicipalitySettings(db, actor.municipalityId));
  return {
    items: rows.map((row) => presentEmergency(row, scope, now)),
    now: now.toISOString(),
    slaMinutes: settings.emergencySlaMinutes,
  };
}
