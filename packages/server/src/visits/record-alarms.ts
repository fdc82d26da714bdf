import type { Static } from 'typebox';
import type { AlarmBatch } from '@portvakt/contract';
import { findForeignCustomers, insertAlarms, withTransaction } from '@portvakt/storage';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import type { UseCaseOptions } from '../platform/context';
import { ApiError } from '../platform/errors';

/**
 * Alarms from the alarm receiver (R11.1), stored once each by its id: all or none. Unknown
 * customers and alarms in the future are refused with their positions.
 */
export async function recordAlarms({
  db,
  actor,
  input,
  requestId,
  now,
}: UseCaseOptions<Static<typeof AlarmBatch>> & { now: Date }): Promise<{
  created: number;
  unchanged: number;
}> {
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
    db,
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
  return withTransaction(db, async (client) => {
    const created = await insertAlarms(client, actor.municipalityId, alarms);
    const result = { created, unchanged: alarms.length - created };
    await recordChange(client, actor, { action: 'import', entity: 'alarm', after: result, requestId });
    return result;
  });
}
