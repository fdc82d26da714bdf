import type { AlarmResponseReport } from '@portvakt/contract';
import { createZoneClock, localMonthRange, summariseAlarmResponses } from '@portvakt/core';
import { readAlarmResponses } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { readMunicipalityTimeZone } from '../platform/municipality-settings';

/**
 * Alarm response times for a month (R11.1): median and 90th percentile in minutes per district
 * and responding provider, and the alarms no arrival was recorded for.
 */
export async function readAlarmResponseTimes({
  db,
  actor,
  input,
}: ReadOptions<{ month: string }>): Promise<AlarmResponseReport> {
  const scope = authorise(actor, 'alarm', 'read');
  const timeZone = await readMunicipalityTimeZone(db, actor.municipalityId);
  const { from, to } = localMonthRange(input.month, createZoneClock(timeZone));
  const rows = await readAlarmResponses(db, scope, new Date(from), new Date(to));
  const summary = summariseAlarmResponses(rows);
  const names = new Map(
    rows.flatMap((r) => [
      [r.districtId, r.districtName],
      [r.providerId ?? '', r.providerName ?? ''],
    ]),
  );
  const unanswered = new Set(summary.unansweredAlarmIds);
  return {
    month: input.month,
    groups: summary.groups.map((group) => ({
      ...group,
      districtName: names.get(group.districtId) ?? '',
      providerName: names.get(group.providerId) ?? '',
    })),
    unanswered: rows
      .filter((row) => unanswered.has(row.alarmId))
      .map((row) => ({
        alarmId: row.alarmId,
        externalId: row.externalId,
        customerId: row.customerId,
        customerName: row.customerName,
        districtName: row.districtName,
        raisedAt: row.raisedAt.toISOString(),
      })),
  };
}
