// An import's fields and values in the reader's words (docs/imports.md): a field by the label the
// audit trail gives the same record's field (one table for both: the audit tables), rather than
// its name in the API (`providerId`), and a value as the rest of the console shows one: an
// enumeration's value by its label, an instant in the reader's time zone, a day as the language
// writes it, a list comma-separated.
import type { ImportChangeBody } from '@portvakt/contract';
import { importKindDefinitions, importKinds, type ImportKind } from '@portvakt/core';
import { nameChangedField, sayStoredValue } from '../audit';
import type { Language, Translator } from '../shared/i18n';

export const isImportKind = (value: unknown): value is ImportKind =>
  (importKinds as readonly unknown[]).includes(value);

/** The registry resource a kind's records are written as ('' for no kind: the fields' plain labels). */
const resourceOf = (kind: string | undefined): string =>
  kind !== undefined && isImportKind(kind) ? importKindDefinitions[kind].resource : '';

/**
 * A field by its label, or as the file or the server names it when it has none (a column or a
 * JSON key no kind has, a JSON object's key): `isStoredName` says so, and the page shows it as
 * code. A value inside a list (`services/0`) is named by its list. `kind` picks a kind's own label
 * where it has one (a district's code is "Områdeskod"); a line error names no kind.
 */
export function nameImportField(
  field: string,
  language: Language,
  kind?: string,
): { text: string; isStoredName: boolean } {
  const named = nameChangedField(resourceOf(kind), field.split('/')[0]!, language);
  return named.isStoredName ? { text: field, isStoredName: true } : named;
}

type Sayer = Pick<Translator, 't' | 'label' | 'formatDateTime' | 'formatDate'>;

/** A value of a change's field as the console shows a value of that type; none as a dash. */
export function sayImportValue(
  translator: Sayer,
  kind: string,
  field: string,
  value: ImportChangeBody['fields'][number]['before'],
): string {
  if (value === null) return '–';
  const resource = resourceOf(kind);
  const say = (item: string) => sayStoredValue(translator, resource, field, item) ?? item;
  if (Array.isArray(value)) return value.map(say).join(', ');
  const type = isImportKind(kind) ? importKindDefinitions[kind].fields[field] : undefined;
  if (type === 'timestamp') return translator.formatDateTime(value);
  if (type === 'date') return translator.formatDate(value);
  return say(value);
}
