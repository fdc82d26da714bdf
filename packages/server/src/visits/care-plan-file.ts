// Files from the care system (docs/visits.md "Planned visits and granted time"): a JSON array,
// or CSV with Swedish or English headers, `;` or `,`, UTF-8 with or without BOM. Every row is
// checked against the contract's schema; errors name the line and the field. A file is a document,
// not the request's shape: its errors are 422s with codes of their own (empty_file,
// file_unreadable, unknown_column, duplicate_row, import_file_invalid), never the schema's 400.
import Ajv from 'ajv';
import type { TSchema } from 'typebox';
import type { ErrorCode, ImportResult } from '@portvakt/contract';
import { findTextProblem, multiLineTextFields, type Actor } from '@portvakt/core';
import { withTransaction } from '@portvakt/storage';
import type pg from 'pg';
import { recordChange } from '../audit';
import { ApiError } from '../platform/errors';
import { addServerFormats } from '../platform/formats';
import { describeSchemaErrors, describeTextCell, type RowProblem } from './file-row-problems';
import { isFileRefusal, readCsvRows } from './read-csv-rows';

export interface FileRow<T> {
  /** 1-based: the CSV line (the header is line 1), or the array position for JSON. */
  line: number;
  value: T;
}

const ajv = addServerFormats(new Ajv({ allErrors: true, coerceTypes: true, strict: false }));

/** Header aliases: the API's field name and its Swedish column name, case and spaces ignored. */
export type HeaderAliases = Record<string, readonly string[]>;

/** Fields that hold a list in one CSV cell, separated by `|` or spaces. */
export type ListFields = readonly string[];

/**
 * Reads a care-system file into rows valid for `schema`, or throws 422 import_file_invalid with
 * up to 20 errors, each with line, field and a code with its parameters (as a care-system import
 * names them, docs/imports.md "Errors").
 * Nothing is written by a file with any error.
 */
export function readCarePlanFile<T>(
  body: unknown[] | string,
  schema: TSchema,
  headers: HeaderAliases,
  listFields: ListFields = [],
): FileRow<T>[] {
  const raw = readFileRows(body, headers, listFields);
  const check = ajv.compile(schema);
  const errors: RowProblem[] = [];
  for (const row of raw) {
    // A value of the wrong form and a cell whose text may not be stored are both the row's errors.
    if (!check(row.value)) errors.push(...describeSchemaErrors(row.line, check.errors ?? []));
    errors.push(...findBadCells(row));
    if (errors.length >= 20) break;
  }
  if (errors.length > 0)
    throw new ApiError(
      422,
      'import_file_invalid',
      `The file has errors, first on line ${errors[0]!.line} (${errors[0]!.field}: ${errors[0]!.message}); nothing was changed.`,
      { errors: errors.slice(0, 20) },
    );
  return raw as FileRow<T>[];
}

/**
 * A file's rows as read, with their lines, before any row is checked (an importer checks each row
 * on its own, so one bad cell does not hide the other rows' errors): throws 422 for a file that
 * cannot be read as rows (empty_file, file_unreadable, unknown_column).
 */
export function readFileRows(
  body: unknown[] | string,
  headers: HeaderAliases,
  listFields: ListFields = [],
): FileRow<unknown>[] {
  const raw =
    typeof body === 'string'
      ? readCsv(body, headers, listFields)
      : body.map((value, i) => ({ line: i + 1, value }));
  if (raw.length === 0) throw new ApiError(422, 'empty_file', 'The file has no rows.', { line: 1 });
  return raw;
}

/**
 * The cells of a row holding text that may not be stored: a request's body gets the same
 * check (platform/input-checks.ts), but a file's values arrive inside one `content` string (or a
 * JSON value's escapes), so each is checked as the field it becomes.
 */
function findBadCells(row: FileRow<unknown>): RowProblem[] {
  const bad: RowProblem[] = [];
  if (row.value === null || typeof row.value !== 'object') return bad;
  for (const [field, value] of Object.entries(row.value as Record<string, unknown>)) {
    for (const text of Array.isArray(value) ? value : [value]) {
      if (typeof text !== 'string') continue;
      const problem = findTextProblem(text, { isMultiLine: multiLineTextFields.has(field) });
      if (!problem) continue;
      bad.push(describeTextCell(row.line, field, problem));
      break;
    }
  }
  return bad;
}

/**
 * A CSV file's rows through the reader the care-system import uses: a file that cannot be read as
 * rows is refused by its own code (`file_unreadable` naming the line the broken row starts on,
 * `unknown_column`, `empty_file`); rows with the wrong number of cells are named together, as the
 * schema's errors are.
 */
function readCsv(text: string, headers: HeaderAliases, listFields: ListFields): FileRow<unknown>[] {
  const { rows, problems } = readCsvRows(text, headers, listFields);
  const [first] = problems;
  if (!first) return rows;
  if (isFileRefusal(first))
    throw new ApiError(422, first.code, first.message, {
      line: first.line,
      ...(first.field ? { field: first.field } : {}),
    });
  throw new ApiError(
    422,
    'import_file_invalid',
    `The file has errors, first on line ${first.line} (${first.message}); nothing was changed.`,
    { errors: problems.slice(0, 20) },
  );
}

/**
 * Refuses a file in which two lines have the same key, the values of `fields` (`what` names them
 * in words): naming the later line, the key's fields and the line that had it first.
 */
export function refuseDuplicateLines<T>(
  rows: FileRow<T>[],
  fields: readonly (keyof T & string)[],
  what: string,
): void {
  const firstLines = new Map<string, number>();
  for (const row of rows) {
    const key = JSON.stringify(fields.map((field) => row.value[field]));
    const firstLine = firstLines.get(key);
    if (firstLine !== undefined)
      throw new ApiError(
        422,
        'duplicate_row',
        `Line ${row.line}: ${what} appears twice (first on line ${firstLine}).`,
        { line: row.line, field: fields.join(', '), firstLine },
      );
    firstLines.set(key, row.line);
  }
}

/** Refuses a file when rows at `indexes` break a rule, naming up to 20 of their lines. */
export function refuseLines(
  rows: FileRow<unknown>[],
  indexes: number[],
  code: ErrorCode,
  message: string,
): void {
  if (indexes.length === 0) return;
  throw new ApiError(422, code, `Line ${rows[indexes[0]!]!.line}: ${message}; nothing was changed.`, {
    lines: indexes.slice(0, 20).map((i) => rows[i]!.line),
  });
}

/** Applies a checked file in one transaction, with one audit entry of what it changed. */
export function applyCarePlanImport(
  db: pg.Pool,
  actor: Actor,
  requestId: string,
  entity: 'planned_visit' | 'granted_time',
  write: (client: pg.PoolClient) => Promise<ImportResult>,
): Promise<ImportResult> {
  return withTransaction(db, async (client) => {
    const result = await write(client);
    await recordChange(client, actor, { action: 'import', entity, after: result, requestId });
    return result;
  });
}
