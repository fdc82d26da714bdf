// A CSV file from the care system as rows, for the care-system import (docs/imports.md) and the
// planned-visit and granted-time files (docs/visits.md): headers in Swedish or English, `;` or
// `,`, UTF-8 with or without BOM, quoted cells as csv-parse reads them. Every problem names the line
// the row starts on (the header is line 1, counted past blank lines and quoted line breaks); a row
// with too many or too few cells is that row's error, and the file's other rows are still read.
import { parse, type CsvError } from 'csv-parse/sync';
import type { FileRow, HeaderAliases } from './care-plan-file';
import type { RowProblem } from './file-row-problems';

export interface CsvRows {
  rows: FileRow<unknown>[];
  /** Problems of single rows, or (then without rows) of the whole file. */
  problems: RowProblem[];
  /** Rows refused for their number of cells, as far as the header names their cells. */
  refusedRows: FileRow<unknown>[];
}

const lineBreaks = /\r\n|\r|\n/g;
const countLineBreaks = (text: string) => text.match(lineBreaks)?.length ?? 0;
const normaliseHeader = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');

/**
 * The line in the file each record starts on, from the records' raw text: a quoted cell may hold
 * line breaks (a note, a reason), so a record is not one line, and blank lines are skipped.
 */
function findRecordLines(raws: readonly string[]): number[] {
  let line = 1;
  return raws.map((raw) => {
    const start = line + countLineBreaks(/^\s*/.exec(raw)![0]);
    line += countLineBreaks(raw);
    return start;
  });
}

/** The first line from `line` on that is not blank: where the record after `line - 1` lines starts. */
function findNextRecordLine(text: string, line: number): number {
  const lines = text.split(lineBreaks);
  let next = line;
  while (next < lines.length && lines[next - 1]!.trim() === '') next += 1;
  return next;
}

/** The problems that refuse a whole file before any of its rows is read. */
type FileRefusal = RowProblem & { code: 'empty_file' | 'file_unreadable' | 'unknown_column' };

export const isFileRefusal = (problem: RowProblem): problem is FileRefusal =>
  problem.code === 'empty_file' || problem.code === 'file_unreadable' || problem.code === 'unknown_column';

/** The whole file refused before its rows are read. */
const refuseFile = (problem: Omit<FileRefusal, 'line'> & { line?: number }): CsvRows => ({
  rows: [],
  problems: [{ line: 1, ...problem }],
  refusedRows: [],
});

/**
 * Reads `text` into rows of field values (list fields split on `|` or spaces). Header names are
 * matched to fields through `headers` (case, spaces, `-` and `_` ignored); empty header cells at
 * the end (Excel writes a `;` after the last column) are no columns, as long as the rows leave them
 * empty too. A file that cannot be read as rows (empty, an unknown column, a quote never closed)
 * is one problem; otherwise each row with the wrong number of cells is a problem of its own line.
 */
export function readCsvRows(text: string, headers: HeaderAliases, listFields: readonly string[]): CsvRows {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  // Lines of the records read whole so far (csv-parse's own count takes a quoted \r\n as two).
  let linesRead = 0;
  let parsed: Array<{ record: string[]; raw: string }>;
  try {
    parsed = parse(text, {
      bom: true,
      delimiter,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      raw: true,
      on_record: (record, context) => {
        linesRead += countLineBreaks(context.raw ?? '');
        return record;
      },
      // csv-parse's types do not follow `raw`: with it each record comes as { record, raw }.
    }) as unknown as typeof parsed;
  } catch (error) {
    // csv-parse names the line it gave up on (for a quote never closed, the file's last); the
    // person needs the line the broken row starts on: the first after the rows read whole.
    return refuseFile({
      line: findNextRecordLine(text.replace(/^\uFEFF/, ''), linesRead + 1),
      field: '',
      message: `The CSV file cannot be read: ${(error as CsvError).message}`,
      code: 'file_unreadable',
    });
  }
  const lines = findRecordLines(parsed.map(({ raw }) => raw));
  const [header, ...records] = parsed;
  if (!header || records.length === 0)
    return refuseFile({ field: '', message: 'The file has no rows.', code: 'empty_file' });
  const lookup = new Map<string, string>();
  for (const [field, aliases] of Object.entries(headers))
    for (const alias of [field, ...aliases]) lookup.set(normaliseHeader(alias), field);
  const names = header.record;
  let columns = names.length;
  while (columns > 0 && names[columns - 1] === '') columns -= 1;
  const fields: string[] = [];
  for (const name of names.slice(0, columns)) {
    const field = lookup.get(normaliseHeader(name));
    if (!field)
      return refuseFile({
        field: name,
        message: `Line 1: unknown column "${name}".`,
        code: 'unknown_column',
      });
    fields.push(field);
  }
  const read: CsvRows = { rows: [], problems: [], refusedRows: [] };
  for (const [i, { record }] of records.entries()) {
    const line = lines[i + 1]!;
    const value: Record<string, unknown> = {};
    record.slice(0, columns).forEach((cell, column) => {
      const field = fields[column]!;
      if (cell === '') return;
      value[field] = listFields.includes(field) ? cell.split(/[|\s]+/).filter(Boolean) : cell;
    });
    // Cells past the named columns may be there (Excel's trailing `;`), but only empty.
    let found = record.length;
    while (found > columns && record[found - 1] === '') found -= 1;
    if (found === columns) {
      read.rows.push({ line, value });
      continue;
    }
    read.refusedRows.push({ line, value });
    read.problems.push({
      line,
      field: '',
      message: `Line ${line}: ${found} cell(s) where the header has ${columns} column(s).`,
      code: 'wrong_cell_count',
      params: { expected: columns, found },
    });
  }
  return read;
}
