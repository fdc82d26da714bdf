import type { EmergencySlaReport } from '@portvakt/contract';
import { buildSlaReport, findStockholmDayStart, judgePeriodOrder, readSupportSettings } from '@portvakt/core';
import { listSlaAssignments } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { readMunicipalitySettings } from '../platform/municipality-settings';

const maxDays = 3 * 366;

/**
 * The SLA view (R9.2): emergencies assigned from `from` to `to` (Stockholm days, inclusive), per
 * month and locksmith company, with every breach; a locksmith still not there past the deadline
 * counts as a breach up to `now`.
 */
export async function readEmergencySla({
  db,
  actor,
  input,
  now,
}: ReadOptions<{ from: string; to: string }> & { now: Date }): Promise<EmergencySlaReport> {
  authorise(actor, 'emergency_sla', 'read');
  const start = findStockholmDayStart(input.from);
  const lastDay = findStockholmDayStart(input.to);
  // The period ends where the day after `to` begins (a local day is 23–25 hours around DST).
  const dayAfter = new Date(Date.parse(`${input.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const end = findStockholmDayStart(dayAfter);
  // Refused as every reversed period is (core's judgePeriodOrder): `to` may be `from`'s own day.
  if (judgePeriodOrder(start, end))
    throw new ApiError(400, 'invalid_range', '`to` is before `from`.', { field: 'to' });
  if ((lastDay.getTime() - start.getTime()) / 86_400_000 > maxDays)
    throw new ApiError(422, 'out_of_range', 'Ask for at most three years at a time.', { field: 'to' });
  const assignments = await listSlaAssignments(db, actor.municipalityId, start, end);
  const settings = readSupportSettings(await readMunicipalitySettings(db, actor.municipalityId));
  const report = buildSlaReport(assignments, now);
  const iso = (at: Date | null) => (at ? at.toISOString() : null);
  return {
    from: input.from,
    to: input.to,
    slaMinutes: settings.emergencySlaMinutes,
    groups: report.groups,
    months: report.months,
    total: report.total,
    breaches: report.breaches.map((breach) => ({
      ...breach,
      assignedAt: breach.assignedAt.toISOString(),
      dueAt: breach.dueAt.toISOString(),
      onSiteAt: iso(breach.onSiteAt),
      closedAt: iso(breach.closedAt),
    })),
  };
}
