import type { Static } from 'typebox';
import type { AlarmBatch } from '@portvakt/contract';
import { readVisitSettings, readVisitWindowSettings } from '@portvakt/core';
import { findForeignCustomers, insertAlarms, openBreakGlassWindows } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { readMunicipalitySettings } from '../platform/municipality-settings';

/**
 * Alarms from the alarm receiver (R11.1), stored once each by its id: all or none. Unknown
 * customers and alarms in the future are refused with their positions.
 */
export async function recordAlarms(
  options: WriteOptions<Static<typeof AlarmBatch>>,
): Promise<{ created: number; unchanged: number }> {
  const { actor, input, now } = options;
  authorise(actor, 'alarm', 'create');
  const alarms = input.map((alarm) => ({ ...alarm, raisedAt: new Date(alarm.raisedAt) }));
  const future = alarms.flatMap((alarm, i) => (alarm.raisedAt.getTime() > now.getTime() + 60_000 ? [i] : []));
  if (future.length > 0)
    throw new ApiError(
      422,
      'alarm_in_future',
      `Alarm ${future[0]! + 1} is in the future; nothing was stored.`,
      {
        positions: future.slice(0, 20).map((i) => i + 1),
      },
    );
  const foreign = await findForeignCustomers(
    options.db,
    actor.municipalityId,
    alarms.map((a) => a.customerId),
  );
  if (foreign.length > 0)
    throw new ApiError(
      422,
      'unknown_reference',
      `Alarm ${foreign[0]! + 1}: no such customer; nothing was stored.`,
      {
        positions: foreign.slice(0, 20).map((i) => i + 1),
      },
    );
  const settings = await readMunicipalitySettings(options.db, actor.municipalityId);
  const windowSettings = readVisitWindowSettings(settings);
  return withAuditedTransaction(options, async (client, audit) => {
    const createdIds = await insertAlarms(client, actor.municipalityId, alarms);
    const result = { created: createdIds.length, unchanged: alarms.length - createdIds.length };
    await audit({ action: 'import', entity: 'alarm', after: result });
    // Visit-window mode: a new alarm of a windowed customer opens break-glass windows, which keys
    // and phones get at their next activation, sync or login (docs/visits.md "Break-glass").
    const windows = await openBreakGlassWindows(client, {
      municipalityId: actor.municipalityId,
      alarmIds: createdIds,
      minutes: windowSettings.breakGlassMinutes,
      isEnabledByDefault: windowSettings.isEnabled,
      timeZone: readVisitSettings(settings).timeZone,
    });
    for (const window of windows) {
      await audit({
        action: 'break_glass',
        entity: 'break_glass',
        entityId: window.id,
        after: {
          alarmId: window.alarmId,
          customerId: window.customerId,
          providerId: window.providerId,
          startsAt: window.startsAt.toISOString(),
          endsAt: window.endsAt.toISOString(),
        },
      });
    }
    return result;
  });
}
