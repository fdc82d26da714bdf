// The dry run's diff (docs/imports.md): what an import file would create, change field by field
// and end, judged against the records the care system gave before. No I/O: the server reads the
// existing records and applies the plan in one transaction.
import { checkRegistryRules, findEntity, type RuleViolation } from '../registry';
import { importKindDefinitions, importKinds, type ImportKind } from './import-kinds';

export type ImportValue = string | string[] | null;

/** One record of a file, its values normalised (see `normaliseImportValue`). */
export interface ImportRecord {
  kind: ImportKind;
  file: string;
  /** The CSV line (the header is line 1), or the position in a JSON array (from 1). */
  line: number;
  key: string;
  values: Record<string, ImportValue>;
}

/** A record already imported: our id, the care system's key, and its values as a file gives them. */
export interface ExistingRecord {
  kind: ImportKind;
  id: string;
  key: string;
  values: Record<string, ImportValue>;
}

/** A record of the files refused for its own errors: a reference to it says where it is. */
export interface RefusedRecord {
  kind: ImportKind;
  key: string;
  file: string;
  line: number;
}

export interface ImportLineError {
  file: string;
  line: number;
  field: string;
  /** What is wrong, in English, for API clients and the CLI. */
  message: string;
  /**
   * What is wrong as a stable code (the contract's `importLineCodes`, docs/imports.md "Errors"),
   * which a client puts into its reader's words with `params`.
   */
  code: string;
  params?: Record<string, string | number>;
}

export interface FieldChange {
  field: string;
  before: ImportValue;
  after: ImportValue;
}

export interface ImportChange {
  kind: ImportKind;
  key: string;
  /** `end`: only the end field set (by the file, or by a full import for a record no longer in it). */
  action: 'create' | 'update' | 'end';
  /** Where the record is in the file; absent for a record a full import ends. */
  file?: string;
  line?: number;
  /** Our id of the record changed; absent on create. */
  id?: string;
  fields: FieldChange[];
}

export interface ImportPlan {
  changes: ImportChange[];
  unchanged: number;
  errors: ImportLineError[];
}

/** One form per value so a file and the database compare equal: trimmed text, ISO instants, sorted lists. */
export function normaliseImportValue(type: string, value: unknown): ImportValue {
  if (value === null || value === undefined || value === '') return null;
  // Values come from a file checked against its schema, or from a column: text, numbers, lists.
  const text = (item: unknown) => (typeof item === 'string' ? item : JSON.stringify(item));
  if (type === 'list') {
    const items = Array.isArray(value) ? value.map(text) : text(value).split(/[|\s]+/);
    return [...new Set(items.filter(Boolean))].sort();
  }
  if (value instanceof Date) return value.toISOString();
  if (type === 'timestamp') {
    const date = new Date(text(value));
    return Number.isNaN(date.getTime()) ? text(value) : date.toISOString();
  }
  return text(value).trim();
}

/** A value as a line error's parameter: a list's values comma-separated, none as empty. */
const showValue = (value: ImportValue): string => (Array.isArray(value) ? value.join(', ') : (value ?? ''));

const isSame = (a: ImportValue, b: ImportValue) =>
  Array.isArray(a) || Array.isArray(b) ? JSON.stringify(a) === JSON.stringify(b) : a === b;

/** Where a full import ends a record that left the file: today, or its start when it has not begun. */
function endValue(type: 'date' | 'timestamp', start: ImportValue, now: Date, today: string): string {
  if (type === 'date') return typeof start === 'string' && start > today ? start : today;
  const startMs = typeof start === 'string' ? Date.parse(start) : Number.NaN;
  // valid_until must come after valid_from: a record that has not begun ends a minute after it.
  return new Date(
    Number.isNaN(startMs) || startMs < now.getTime() ? now.getTime() : startMs + 60_000,
  ).toISOString();
}

/**
 * The rules a record breaks on its own, with no other record or the database needed: a service or
 * an employment that ends before it starts, a validity that ends before it begins (core's registry
 * rules with nothing related), a planned visit's window that does not end after it starts (the
 * care-plan route's rule). The dry run checks them too, so it does not pass a row the import
 * refuses; the rules that need other records are checked when the import is applied.
 */
export function checkImportRecordRules(
  kind: ImportKind,
  values: Record<string, ImportValue>,
  today: string,
): RuleViolation[] {
  const definition = importKindDefinitions[kind];
  if (kind === 'plannedVisits') {
    const start = Date.parse(String(values.windowStart));
    const end = Date.parse(String(values.windowEnd));
    return end <= start
      ? [{ field: 'windowEnd', code: 'reversed_times', message: 'The window must end after it starts.' }]
      : [];
  }
  if (definition.isCarePlan) return [];
  return checkRegistryRules(definition.resource, values, {}, today);
}

/**
 * Compares a file's records with those imported before. Errors (a key twice, a reference to a
 * record neither in the file nor imported before, a change of a field that cannot change) name
 * file, line and field; a plan with errors must not be applied. `isFull`: records of a kind the
 * file holds that are missing from it are ended (kinds without an end are left as they are).
 */
export function planImport(
  records: ImportRecord[],
  existing: ExistingRecord[],
  options: { isFull: boolean; now: Date; today: string; refused?: readonly RefusedRecord[] },
): ImportPlan {
  const errors: ImportLineError[] = [];
  const changes: ImportChange[] = [];
  let unchanged = 0;
  const existingByKind = new Map<ImportKind, Map<string, ExistingRecord>>(
    importKinds.map((kind) => [kind, new Map()]),
  );
  for (const row of existing) existingByKind.get(row.kind)!.set(row.key, row);
  const fileKeys = new Map<ImportKind, Map<string, ImportRecord>>(
    importKinds.map((kind) => [kind, new Map()]),
  );
  for (const record of records) {
    const seen = fileKeys.get(record.kind)!;
    const definition = importKindDefinitions[record.kind];
    const earlier = seen.get(record.key);
    if (earlier) {
      errors.push({
        file: record.file,
        line: record.line,
        field: definition.keyField,
        message: `${record.key} appears twice (first on line ${earlier.line} of ${earlier.file})`,
        code: 'duplicate_key',
        params: { key: record.key, firstFile: earlier.file, firstLine: earlier.line },
      });
      continue;
    }
    seen.set(record.key, record);
  }
  const isKnown = (kind: ImportKind, key: string) =>
    fileKeys.get(kind)!.has(key) || existingByKind.get(kind)!.has(key);
  const refused = new Map((options.refused ?? []).map((record) => [`${record.kind} ${record.key}`, record]));

  for (const kind of importKinds) {
    const definition = importKindDefinitions[kind];
    // Care-plan rows are upserted whole: none of their fields is frozen (granted time's are its key).
    const immutable = new Set(
      definition.isCarePlan
        ? []
        : Object.entries(findEntity(definition.resource).fields)
            .filter(([, field]) => field.isImmutable)
            .map(([name]) => name),
    );
    for (const record of fileKeys.get(kind)!.values()) {
      let hasError = false;
      for (const [field, target] of Object.entries(definition.references)) {
        const value = record.values[field];
        if (typeof value !== 'string' || isKnown(target, value)) continue;
        hasError = true;
        // In the files but refused for its own errors: point at that line, not "no such record".
        const where = refused.get(`${target} ${value}`);
        errors.push(
          where
            ? {
                file: record.file,
                line: record.line,
                field,
                message: `the ${target} record ${value} is in ${where.file} line ${where.line}, but that line has errors`,
                code: 'reference_refused',
                params: { kind: target, value, refusedFile: where.file, refusedLine: where.line },
              }
            : {
                file: record.file,
                line: record.line,
                field,
                message: `no ${target} record with id ${value} in the file or imported before`,
                code: 'unknown_reference',
                params: { kind: target, value },
              },
        );
      }
      if (hasError) continue;
      const before = existingByKind.get(kind)!.get(record.key);
      // A record the import writes must pass the rules it breaks on its own, as it will be written.
      const isRefusedByRules = (action: ImportChange['action']) => {
        const violations = checkImportRecordRules(kind, record.values, options.today);
        for (const violation of violations)
          errors.push({
            file: record.file,
            line: record.line,
            field: violation.field,
            message: violation.message,
            code: violation.code,
            params: { kind, key: record.key, action },
          });
        return violations.length > 0;
      };
      if (!before) {
        if (isRefusedByRules('create')) continue;
        changes.push({
          kind,
          key: record.key,
          action: 'create',
          file: record.file,
          line: record.line,
          fields: Object.keys(definition.fields)
            .filter((field) => record.values[field] !== null && record.values[field] !== undefined)
            .map((field) => ({ field, before: null, after: record.values[field] ?? null })),
        });
        continue;
      }
      const fields = Object.keys(definition.fields)
        .map((field) => ({
          field,
          before: before.values[field] ?? null,
          after: record.values[field] ?? null,
        }))
        .filter((change) => !isSame(change.before, change.after));
      const frozen = fields.find((change) => immutable.has(change.field));
      if (frozen) {
        errors.push({
          file: record.file,
          line: record.line,
          field: frozen.field,
          message: `${frozen.field} cannot change (${String(frozen.before)} → ${String(frozen.after)}); end this record and give a new one`,
          code: 'cannot_change',
          params: { before: showValue(frozen.before), after: showValue(frozen.after) },
        });
        continue;
      }
      if (fields.length === 0) {
        unchanged += 1;
        continue;
      }
      const isEnd =
        fields.length === 1 && fields[0]!.field === definition.endField?.field && fields[0]!.before === null;
      if (isRefusedByRules(isEnd ? 'end' : 'update')) continue;
      changes.push({
        kind,
        key: record.key,
        action: isEnd ? 'end' : 'update',
        file: record.file,
        line: record.line,
        id: before.id,
        fields,
      });
    }
    const end = definition.endField;
    if (!options.isFull || !end || fileKeys.get(kind)!.size === 0) continue;
    for (const row of existingByKind.get(kind)!.values()) {
      if (fileKeys.get(kind)!.has(row.key)) continue;
      const current = row.values[end.field] ?? null;
      const ended = endValue(end.type, row.values[end.startField] ?? null, options.now, options.today);
      if (current !== null && current <= ended) continue;
      changes.push({
        kind,
        key: row.key,
        action: 'end',
        id: row.id,
        fields: [{ field: end.field, before: current, after: ended }],
      });
    }
  }
  errors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { changes, unchanged, errors };
}

/** Counts of a plan's changes per action, for the diff's summary. */
export function countImportChanges(changes: ImportChange[]): Record<ImportChange['action'], number> {
  const counts = { create: 0, update: 0, end: 0 };
  for (const change of changes) counts[change.action] += 1;
  return counts;
}
