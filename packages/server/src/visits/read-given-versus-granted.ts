import type { GivenVersusGrantedReport } from '@portvakt/contract';
import { compareGivenWithGranted, sortByShortfall } from '@portvakt/core';
import { listLatestGivenVersusGranted } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';

/**
 * Time given against granted per customer and service for a month (R5.2), from each provider's
 * latest run of the month: the figures the provider is paid by. Largest shortfall first.
 */
export async function readGivenVersusGranted({
  db,
  actor,
  input,
}: ReadOptions<{ month: string; providerId?: string | undefined }>): Promise<GivenVersusGrantedReport> {
  // A work lead's scope keeps it to their own provider's runs whatever provider they name.
  const scope = authorise(actor, 'compensation_run', 'read');
  const { runs, rows } = await listLatestGivenVersusGranted(db, scope, input.month, input.providerId);
  const items = rows.map((row) => ({ ...row, ...compareGivenWithGranted(row) }));
  return {
    month: input.month,
    runs: runs.map((run) => ({ ...run, createdAt: run.createdAt.toISOString() })),
    items: sortByShortfall(
      items,
      (a, b) =>
        a.customerName.localeCompare(b.customerName, 'sv') ||
        a.service.localeCompare(b.service) ||
        a.providerName.localeCompare(b.providerName, 'sv'),
    ),
  };
}
