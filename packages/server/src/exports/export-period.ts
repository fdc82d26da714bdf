import type { ExportFormat } from '@portvakt/contract';
import { judgeExportPeriod, localToday } from '@portvakt/core';
import { ApiError } from '../platform/errors';
import {
  exportContentTypes,
  writeCsv,
  writeJsonArray,
  type ExportFile,
  type ExportPartPages,
} from './export-files';

/** What an events or visits export is asked with: a period, and no kind. */
export interface PeriodExportInput {
  format: ExportFormat;
  from?: string | undefined;
  to?: string | undefined;
  kind?: string | undefined;
}

/** An events or visits export's period from the query: 400 period_required or invalid_range. */
export function readExportPeriod(input: { from?: string | undefined; to?: string | undefined }): {
  from: Date;
  to: Date;
} {
  const from = input.from === undefined ? undefined : new Date(input.from);
  const to = input.to === undefined ? undefined : new Date(input.to);
  const refusal = judgeExportPeriod(from, to);
  if (refusal) throw new ApiError(400, refusal.code, refusal.message);
  return { from: from!, to: to! };
}

/**
 * The registry and permissions are exported as they are now: a `from` or `to` there would be
 * ignored, and the caller would take the file for the period they asked for.
 */
export function refusePeriod(
  what: string,
  period: { from?: string | undefined; to?: string | undefined },
): void {
  if (period.from !== undefined || period.to !== undefined)
    throw new ApiError(
      400,
      'export_has_no_period',
      `The ${what} export is as of now: it takes no from or to (those are for events and visits).`,
    );
}

/** Events and visits have no kinds: a `kind` there is a mistake the caller should hear of. */
export function refuseKind(what: string, kind: string | undefined): void {
  if (kind !== undefined) throw new ApiError(400, 'unknown_export_kind', `The ${what} export has no kinds.`);
}

/**
 * An events or visits export's one part as a file named by its kind and period: CSV or a JSON
 * array. The name gives the period's first and last local day in `timeZone` (the municipality's):
 * a Stockholm week from midnight to midnight is `…-2026-01-12-2026-01-18`, where the UTC dates
 * would say 11–18.
 */
export function writePeriodExport(
  part: ExportPartPages,
  period: { from: Date; to: Date },
  format: ExportFormat,
  timeZone: string,
): ExportFile {
  // `to` is exclusive: the last day is the one its instant's last millisecond falls on.
  const lastDay = localToday(new Date(period.to.getTime() - 1), timeZone);
  const name = `portvakt-${part.kind}-${localToday(period.from, timeZone)}-${lastDay}`;
  return format === 'csv'
    ? { fileName: `${name}.csv`, contentType: exportContentTypes.csv, chunks: writeCsv(part) }
    : { fileName: `${name}.json`, contentType: exportContentTypes.json, chunks: writeJsonArray(part) };
}
