// A care-system import's files read into records (docs/imports.md): CSV through the import's CSV
// reader (headers in Swedish or English, `;` or `,`, BOM or not), JSON as an array of rows or an
// object of arrays by kind, each row checked by the care-plan file reader of visits. Text is
// normalised to NFC first: a file saved on macOS may write "å" as "a" and a combining ring, which
// would match no column and compare unequal with the same name typed in. Every error names its
// file, line and field.
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
  type RefusedRecord,
} from '@portvakt/core';
import { ApiError } from '../platform/errors';
import { readCarePlanFile, readCsvRows, readFileRows, type FileRow, type RowProblem } from '../visits';

export interface ReadFiles {
  records: ImportRecord[];
  errors: ImportLineError[];
  /** Records of the files refused for their own errors, so a reference to one can say so. */
  refused: RefusedRecord[];
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

/** Notes a refused row's key, when it has one, so a reference to it says the row was refused. */
function noteRefused(
  read: ReadFiles,
  kind: ImportKind,
  file: string,
  { line, value }: FileRow<unknown>,
): void {
  if (value === null || typeof value !== 'object') return;
  const row = value as Record<string, unknown>;
  const { keyField, keyFields } = importKindDefinitions[kind];
  if (!(keyFields ?? [keyField]).every((field) => typeof row[field] === 'string')) return;
  read.refused.push({ kind, key: findImportKey(kind, row), file, line });
}

/** The rows of one file of `kind`: CSV text, or a JSON array. */
function readRows(
  file: string,
  kind: ImportKind,
  body: unknown[] | string,
  read: ReadFiles,
): FileRow<unknown>[] {
  const definition = importKindDefinitions[kind];
  const headers = definition.headers as Record<string, string[]>;
  const listFields = Object.entries(definition.fields)
    .filter(([, type]) => type === 'list')
    .map(([field]) => field);
  if (typeof body === 'string') {
    const csv = readCsvRows(body, headers, listFields);
    read.errors.push(...csv.problems.map((problem) => ({ file, ...problem })));
    for (const row of csv.refusedRows) noteRefused(read, kind, file, row);
    return csv.rows;
  }
  try {
    return readFileRows(body, headers, listFields);
  } catch (error) {
    read.errors.push(...toLineErrors(file, error));
    return [];
  }
}

function readKind(file: string, kind: ImportKind, body: unknown[] | string, read: ReadFiles): void {
  const definition = importKindDefinitions[kind];
  const headers = definition.headers as Record<string, string[]>;
  for (const row of readRows(file, kind, body, read)) {
    const { line } = row;
    // Each row on its own, so every line with an error is named, not only the first file's.
    let value: Record<string, unknown>;
    try {
      value = readCarePlanFile<Record<string, unknown>>([row.value], importRowSchemas[kind], headers)[0]!
        .value;
    } catch (error) {
      read.errors.push(...toLineErrors(file, error).map((lineError) => ({ ...lineError, line })));
      noteRefused(read, kind, file, row);
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

/** A JSON file: rows of `kind` (told by its name or given), or an object of rows by kind. */
function readJson(file: ImportFile, kind: ImportKind | undefined, read: ReadFiles): void {
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
    const named = findKindOfName(name);
    if (!named || !Array.isArray(rows)) {
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
    readKind(`${file.name}#${name}`, named, rows, read);
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

/**
 * The files' names as errors and changes name them: two files of the same name (norr/kunder.csv and
 * soder/kunder.csv sent as kunder.csv) are told apart by their order, `kunder.csv (2)`.
 */
function nameFilesApart(files: ImportFile[]): string[] {
  const seen = new Map<string, number>();
  return files.map(({ name }) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  });
}

/** Reads every file; a file whose kind cannot be told is refused with 400 `import_kind_unknown`. */
export function readImportFiles(files: ImportFile[]): ReadFiles {
  const read: ReadFiles = { records: [], errors: [], refused: [] };
  const names = nameFilesApart(files);
  for (const [index, given] of files.entries()) {
    // The kind by the name as given; the name as errors show it.
    const kind = given.kind ?? findKindOfFileName(given.name);
    const file = { name: names[index]!.normalize('NFC'), content: given.content.normalize('NFC') };
    const isJson = /\.json$/i.test(given.name) || /^\s*[[{]/.test(file.content.replace(/^\uFEFF/, ''));
    if (isJson) {
      readJson(file, kind, read);
      continue;
    }
    if (!kind) throw unknownKind(given.name);
    readKind(file.name, kind, file.content, read);
  }
  return read;
}
