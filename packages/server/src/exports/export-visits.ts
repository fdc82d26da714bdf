import { Visit } from '@portvakt/contract';
import { splitPeriod, type Actor } from '@portvakt/core';
import type pg from 'pg';
import { authorise } from '../platform/authorise';
import type { ListCursors } from '../platform/list-cursor';
import { listVisits, maxPeriodDays } from '../visits';
import { exportPageSize, readAllPages, type ExportFile, type ExportRow } from './export-files';
import { readMunicipalityTimeZone } from '../platform/municipality-settings';
import { readExportPeriod, refuseKind, writePeriodExport, type PeriodExportInput } from './export-period';

/** Every page of every window: the visit list answers at most `maxPeriodDays` per request. */
async function* readVisitPages(
  options: { db: pg.Pool; actor: Actor; cursors: ListCursors },
  period: { from: Date; to: Date },
): AsyncGenerator<ExportRow[]> {
  for (const window of splitPeriod(period.from, period.to, maxPeriodDays - 2))
    yield* readAllPages<ExportRow>((cursor) =>
      listVisits({
        ...options,
        input: {
          from: window.from.toISOString(),
          to: window.to.toISOString(),
          limit: exportPageSize,
          ...(cursor ? { cursor } : {}),
        },
      }),
    );
}

/**
 * The visit registration of a period (current versions, oldest arrival first) as the caller's
 * visit list shows it, as CSV or a JSON array. 403 for roles that read no visits.
 */
export async function exportVisits(options: {
  db: pg.Pool;
  actor: Actor;
  cursors: ListCursors;
  input: PeriodExportInput;
}): Promise<ExportFile> {
  const { input } = options;
  authorise(options.actor, 'visit', 'read');
  refuseKind('visits', input.kind);
  const period = readExportPeriod(input);
  const part = {
    kind: 'visits',
    columns: Object.keys(Visit.properties),
    pages: readVisitPages(options, period),
  };
  const timeZone = await readMunicipalityTimeZone(options.db, options.actor.municipalityId);
  return writePeriodExport(part, period, input.format, timeZone);
}
