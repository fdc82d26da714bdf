// A care-system import's files read into records (docs/imports.md): CSV through the care-plan
// file reader of visits (headers in Swedish or English, `;` or `,`, BOM or not), JSON as an array
// of rows or an object of arrays by kind. Every error names its file, line and field.
import { importRowSchemas, type ImportFile } from '@portvakt/contract';
import {
  findKindOfFileName,
  findImportKey,
  findKindOfName,
  importKindDefinitions,
  normaliseImportValue,
  type ImportKind,
  type ImportLineError,
  type ImportRecord,
} from '@portvakt/core';
import { ApiError } from '../platform/errors';
import { readCarePlanFile, readFileRows, type RowProblem } from '../visits';

export interface ReadFiles {
  records: ImportRecord[];
  errors: ImportLineError[];
}

/**
 * The errors a care-plan file reader's refusal carries, as lines of `file`: each row's problems
 * with their codes, or the refusal of the whole file by its own code (`unknown_column` …).
 */
function toLineErrors(file: string, error: unknown): ImportLineError[] {
  if (!(error instanceof ApiError)) throw error;
  const details = (error.details ?? {}) as { errors?: RowProblem[]; line?: number; field?: string };
  if (details.errors) return details.errors.map((line) => ({ file, ...line }));
  return [
    { file, line: details.line ?? 1, field: details.field ?? '', message: error.message, code: error.code },
  ];
}

function readKind(file: string, kind: ImportKind, body: unknown[] | string, read: ReadFiles): void {
  const definition = importKindDefinitions[kind];
  const headers = definition.headers as Record<string, string[]>;
  const listFields = Object.entries(definition.fields)
    .filter(([, type]) => type === 'list')
    .map(([field]) => field);
  let rows;
  try {
    rows = readFileRows(body, headers, listFields);
  } catch (error) {
    read.errors.push(...toLineErrors(file, error));
    return;
  }
  for (const row of rows) {
    const { line } = row;
    // Each row on its own, so every line with an error is named, not only the first file's.
    let value: Record<string, unknown>;
    try {
      value = readCarePlanFile<Record<string, unknown>>([row.value], importRowSchemas[kind], headers)[0]!
        .value;
    } catch (error) {
      read.errors.push(...toLineErrors(file, error).map((lineError) => ({ ...lineError, line })));
      continue;
    }
    const values = Object.fromEntries(
      Object.entries(definition.fields).map(([field, type]) => [
        field,
        normaliseImportValue(type, value[field] ?? definition.defaults?.[field]),
      ]),
    );
    read.records.push({ kind, file, line, key: findImportKey(kind, { ...value, ...values }), values });
  }
}

function readJson(file: ImportFile, read: ReadFiles): void {
  let body: unknown;
  try {
    body = JSON.parse(file.content.replace(/^\uFEFF/, ''));
  } catch (error) {
    read.errors.push({
      file: file.name,
      line: 1,
      field: '',
      message: `not JSON: ${(error as Error).message}`,
      code: 'not_json',
    });
    return;
  }
  if (Array.isArray(body)) {
    const kind = file.kind ?? findKindOfFileName(file.name);
    if (!kind) throw unknownKind(file.name);
    readKind(file.name, kind, body, read);
    return;
  }
  if (body === null || typeof body !== 'object') {
    read.errors.push({
      file: file.name,
      line: 1,
      field: '',
      message: 'expected an array or an object of arrays',
      code: 'not_rows',
    });
    return;
  }
  for (const [name, rows] of Object.entries(body)) {
    const kind = findKindOfName(name);
    if (!kind || !Array.isArray(rows)) {
      read.errors.push({
        file: file.name,
        line: 1,
        field: name,
        message: `unknown kind of record "${name}"`,
        code: 'import_kind_unknown',
        params: { name },
      });
      continue;
    }
    readKind(`${file.name}#${name}`, kind, rows, read);
  }
}

function unknownKind(name: string): ApiError {
  return new ApiError(
    400,
    'import_kind_unknown',
    `Cannot tell what ${name} holds: name it after its kind (e.g. kunder.csv, staff.csv) or give its kind.`,
    { file: name },
  );
}

/** Reads every file; a file whose kind cannot be told is refused with 400 `import_kind_unknown`. */
export function readImportFiles(files: ImportFile[]): ReadFiles {
  const read: ReadFiles = { records: [], errors: [] };
  for (const file of files) {
    const isJson = /\.json$/i.test(file.name) || /^\s*[[{]/.test(file.content.replace(/^\uFEFF/, ''));
    if (isJson) {
      readJson(file, read);
      continue;
    }
    const kind = file.kind ?? findKindOfFileName(file.name);
    if (!kind) throw unknownKind(file.name);
    readKind(file.name, kind, file.content, read);
  }
  return read;
}
