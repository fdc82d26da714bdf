// Physical keys still held over time (R11.2; docs/backup-keys.md "Keys still held"): per month end
// from `from` to `to` (the current month at today), in total, per provider and per district, with
// the key handling avoided (keys returned, customers whose keys have all gone back) and the
// cabinet takes that happened or may still. A work lead sees their own provider's keys.
import {
  findEarliestAuthorisationInForce,
  judgePeriodOrder,
  listMonthEnds,
  localToday,
} from '@portvakt/core';
import type { KeysHeldReport } from '@portvakt/contract';
import { readKeysHeldCounts } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { ApiError } from '../platform/errors';

/** The month `months` before `month` (YYYY-MM). */
function monthsBefore(month: string, months: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (number - 1) - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export async function readKeysHeld({
  db,
  actor,
  input,
  now,
}: ReadOptions<{ from?: string; to?: string }> & { now: Date }): Promise<KeysHeldReport> {
  const scope = authorise(actor, 'keys_held', 'read');
  const today = localToday(now);
  const to = input.to ?? today.slice(0, 7);
  const from = input.from ?? monthsBefore(to, 11);
  // Whole months, both included: [start of `from`, start of the month after `to`), refused as every
  // reversed period is (core's judgePeriodOrder, 400 invalid_range).
  const monthStart = (month: string) => new Date(`${month}-01T00:00:00Z`);
  if (judgePeriodOrder(monthStart(from), monthStart(monthsBefore(to, -1))))
    throw new ApiError(400, 'invalid_range', 'The first month comes after the last.', { field: 'from' });
  if (monthsBefore(to, 120) > from)
    throw new ApiError(400, 'invalid_range', 'At most ten years at a time.', { field: 'from' });
  const days = listMonthEnds(from, to, today);
  const providerId = scope.kind === 'provider' ? scope.providerId : null;
  // A take authorised and lapsed unused is no key handling (docs/backup-keys.md "Keys still held").
  const counts = await readKeysHeldCounts(
    db,
    actor.municipalityId,
    days,
    providerId,
    findEarliestAuthorisationInForce(now),
  );
  const series = (rows: typeof counts.byProvider) => {
    const byId = new Map<string, { id: string; name: string; keys: number[] }>();
    for (const row of rows) {
      const entry = byId.get(row.id) ?? { id: row.id, name: row.name, keys: days.map(() => 0) };
      entry.keys[days.indexOf(row.day)] = row.keys;
      byId.set(row.id, entry);
    }
    return [...byId.values()];
  };
  return {
    from,
    to,
    points: counts.totals,
    providers: series(counts.byProvider).map(({ id, ...rest }) => ({ providerId: id, ...rest })),
    districts: series(counts.byDistrict).map(({ id, ...rest }) => ({ districtId: id, ...rest })),
  };
}
