import { listExportParts } from '@portvakt/core';
import type { ExportFormat } from '@portvakt/contract';
import { ApiError, forbidden } from '../platform/errors';
import { exportContentTypes, writeCsv, writeJsonObject, type ExportFile } from './export-files';
import { refusePeriod } from './export-period';
import { readableParts, readPartPages, type RegistryReadOptions } from './registry-export-parts';

export interface RegistryExportInput {
  what: 'registry' | 'permissions';
  format: ExportFormat;
  kind?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * The registry, or permissions as granted, as the caller's list routes show it: JSON, an object
 * of arrays (one per entity kind the caller may read, or only `kind`), or one kind's CSV (`kind` is required
 * then: the CLI writes a directory of them). 403 when the caller may read none of it, or not the
 * kind asked for; 400 for a kind the export does not have. Nothing is read before these checks.
 */
export async function exportRegistry(
  options: RegistryReadOptions & { input: RegistryExportInput },
): Promise<ExportFile> {
  const { what, format, kind } = options.input;
  refusePeriod(what, options.input);
  const readable = readableParts(options.actor, what);
  if (kind !== undefined && !listExportParts(what).some((part) => part.kind === kind))
    throw new ApiError(400, 'unknown_export_kind', `The ${what} export has no kind "${kind}".`);
  if (format === 'csv' && kind === undefined)
    throw new ApiError(
      400,
      'export_kind_required',
      `A CSV export of the ${what} is one file per kind: name it with \`kind\`.`,
    );
  const parts = kind === undefined ? readable : readable.filter((part) => part.kind === kind);
  if (parts.length === 0) throw forbidden(`Your role may not read ${kind ?? `the ${what}`}.`);
  const name = `portvakt-${what}${kind === undefined ? '' : `-${kind}`}`;
  const pages = parts.map((part) => readPartPages(options, part));
  if (format === 'csv')
    return { fileName: `${name}.csv`, contentType: exportContentTypes.csv, chunks: writeCsv(pages[0]!) };
  return {
    fileName: `${name}.json`,
    contentType: exportContentTypes.json,
    chunks: writeJsonObject(pages),
  };
}
