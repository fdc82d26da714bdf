import type { RolloutReport } from '@portvakt/contract';
import { countRollout, countRolloutHistory, listChartDays } from '@portvakt/core';
import { readRolloutFacts } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { judgeCustomersNightAccess, resolveAsOf } from './night-access';

/**
 * Rollout per district on a day (R8.1, docs/rollout.md): the Stockholm-style table with its
 * totals, the chart's monthly points over the past year, and the customers behind a door that
 * cannot be opened when their night or alarm service comes (R2.6). Names no staff member; the
 * R2.6 list names customers, as the customer list does for the same roles.
 */
export async function readRollout({
  db,
  actor,
  input,
  now,
}: ReadOptions<{ asOf?: string | undefined }> & { now: Date }): Promise<RolloutReport> {
  const scope = authorise(actor, 'rollout', 'read');
  const asOf = resolveAsOf(input.asOf, now);
  const days = listChartDays(asOf);
  const facts = await readRolloutFacts(db, scope.municipalityId, asOf, days);
  const nightAccess = await judgeCustomersNightAccess(db, scope, asOf);
  const full = { ...facts, nightAccessCustomers: nightAccess };
  const { rows, totals } = countRollout(full, asOf);
  return { asOf, rows, totals, history: countRolloutHistory(full, days), nightAccess };
}
