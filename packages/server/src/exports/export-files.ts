// How an export's pages become a file, chunk by chunk, so that a large export is streamed page by
// page and never held whole (docs/exports.md "Files"). CSV follows the other CSV downloads (UTF-8
// with BOM, `;`, CRLF: what Swedish Excel opens as it is); JSON writes one row per line, so a
// client can count rows as they arrive (the CLI's progress bar).
import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafeCast } from '@portvakt/core';

export type ExportRow = Record<string, unknown>;

/** One part of a file: a registry entity kind, or the whole of an events or visits export. */
export interface ExportPartPages {
  kind: string;
  columns: readonly string[];
  pages: AsyncIterable<ExportRow[]>;
}

/** A file ready to stream: every check of the request has passed before it is made. */
export interface ExportFile {
  fileName: string;
  contentType: string;
  chunks: AsyncIterable<string>;
}

const csvOptions = { delimiter: ';', record_delimiter: '\r\n', cast: spreadsheetSafeCast } as const;

/** A value as one CSV cell: empty for null, lists joined by commas, anything nested as JSON. */
function cellOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number'))
    return value.join(',');
  return JSON.stringify(value);
}

/** One part as CSV: the header row (the API's field names), then each page's rows. */
export async function* writeCsv(part: ExportPartPages): AsyncGenerator<string> {
  yield `\uFEFF${stringify([[...part.columns]], csvOptions)}`;
  for await (const page of part.pages) {
    if (page.length > 0)
      yield stringify(
        page.map((row) => part.columns.map((c) => cellOf(row[c]))),
        csvOptions,
      );
  }
}

/** A part's rows as the lines of a JSON array's body, one row per line. */
async function* writeJsonRows(pages: AsyncIterable<ExportRow[]>): AsyncGenerator<string> {
  let isFirst = true;
  for await (const page of pages) {
    if (page.length === 0) continue;
    yield (isFirst ? '' : ',\n') + page.map((row) => JSON.stringify(row)).join(',\n');
    isFirst = false;
  }
}

/** One part as a JSON array. */
export async function* writeJsonArray(part: ExportPartPages): AsyncGenerator<string> {
  yield '[\n';
  yield* writeJsonRows(part.pages);
  yield '\n]\n';
}

/** Several parts as one JSON object of arrays, keyed by kind, in the order given. */
export async function* writeJsonObject(parts: readonly ExportPartPages[]): AsyncGenerator<string> {
  yield '{';
  for (const [index, part] of parts.entries()) {
    yield `${index === 0 ? '' : ','}\n${JSON.stringify(part.kind)}: [\n`;
    yield* writeJsonRows(part.pages);
    yield '\n]';
  }
  yield '\n}\n';
}

export const exportContentTypes = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

/** Reads a keyset-paged list to its end: `readPage(cursor)` gives a page and the next cursor. */
export async function* readAllPages<Row>(
  readPage: (cursor: string | undefined) => Promise<{ items: Row[]; nextCursor: string | null }>,
): AsyncGenerator<Row[]> {
  let cursor: string | undefined;
  do {
    const page = await readPage(cursor);
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/** The page length exports read with: the longest page the list routes allow. */
export const exportPageSize = 500;
