// A changed value of the audit trail in the reader's words, as a small tree the page renders (and
// `sayValue` writes as text): a reference to another record by that record's name (the page's
// `references`, which the server names for the fields the contract's `findAuditReferenceKind`
// knows), an object as its fields' labels and values, a list item by item; the rest as text.
import {
  findAuditReferenceKind,
  isRecordId,
  referenceKey,
  type AuditEntryRow,
  type AuditReference,
  type AuditReferenceKind,
} from '@portvakt/contract';
import type { Translator } from '../shared/i18n';
import {
  isKeyedByValues,
  nameChangedField,
  nameObjectKey,
  orderObjectFields,
  sayStoredValue,
} from './audit-fields';

export type ShownValue =
  | { type: 'text'; text: string }
  /** Another record by its name now; `name` null: it is no longer there. */
  | { type: 'reference'; kind: AuditReferenceKind; id: string; name: string | null }
  | { type: 'list'; items: ShownValue[] }
  | { type: 'fields'; fields: ShownField[] };

export interface ShownField {
  field: string;
  /** The field's label, or its stored name (`isStoredName`) when it has none. */
  name: { text: string; isStoredName: boolean };
  value: ShownValue;
}

/** The names of a page's references, by the contract's `referenceKey`. */
export type ReferenceNames = ReadonlyMap<string, string | null>;

/** The lookup of a page's `references`. */
export const readReferenceNames = (references: readonly AuditReference[] = []): ReferenceNames =>
  new Map(references.map((reference) => [referenceKey(reference.kind, reference.id), reference.name]));

export type ValueTranslator = Pick<Translator, 'language' | 't' | 'label' | 'formatDateTime' | 'formatDate'>;

/** An instant as the API writes it (`toISOString`, or with an offset). */
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** A calendar day as the API writes it (`employmentStartsOn`, `validUntil`). */
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

const text = (words: string): ShownValue => ({ type: 'text', text: words });

/**
 * `value` of `entity`'s `field` as the rest of the console says it: none as a dash, yes or no, a
 * stored enumeration value by its label (audit-fields.ts), an instant in local time, a calendar
 * day as the translator writes one, a reference the page names by that name, an object as its
 * labelled fields and a list item by item; other text as recorded.
 */
export function describeValue(
  translator: ValueTranslator,
  entity: string,
  field: string,
  value: unknown,
  references: ReferenceNames,
): ShownValue {
  const { t, formatDateTime, formatDate } = translator;
  const describe = (inner: string, innerValue: unknown) =>
    describeValue(translator, entity, inner, innerValue, references);
  if (value === null || value === undefined) return text(t('common.none'));
  if (typeof value === 'boolean') return text(t(value ? 'common.yes' : 'common.no'));
  const kind = findAuditReferenceKind(field);
  if (kind && isRecordId(value)) {
    const key = referenceKey(kind, value);
    // A reference the page does not name (a kind the reader may not read) stays as recorded.
    if (references.has(key)) return { type: 'reference', kind, id: value, name: references.get(key)! };
  }
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === 'string')) {
      const words = value.map((item) => sayStoredValue(translator, entity, field, item));
      if (words.length > 0 && words.every((word) => word !== undefined)) return text(words.join(', '));
    }
    return value.length === 0
      ? text(t('common.none'))
      : { type: 'list', items: value.map((item) => describe(field, item)) };
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return text(t('common.none'));
    return {
      type: 'fields',
      fields: (isKeyedByValues(entity, field) ? entries : orderObjectFields(entity, entries)).map(
        ([key, inner]) => ({
          field: key,
          name:
            nameObjectKey(translator, entity, field, key) ??
            nameChangedField(entity, key, translator.language),
          value: describe(key, inner),
        }),
      ),
    };
  }
  if (typeof value === 'number') {
    const stored = String(value);
    return text(sayStoredValue(translator, entity, field, stored) ?? stored);
  }
  // Stored JSON holds nothing else, but a value is said as stored whatever it is.
  if (typeof value !== 'string') return text(JSON.stringify(value) ?? '');
  const words = sayStoredValue(translator, entity, field, value);
  if (words !== undefined) return text(words);
  if (instantPattern.test(value)) return text(formatDateTime(value));
  return text(dayPattern.test(value) ? formatDate(value) : value);
}

/** Who acted in an entry, as the page answers it beside every entry. */
export type EntryActor = Pick<AuditEntryRow, 'actorUserId' | 'actorLabel' | 'actorName'>;

/**
 * Fields the server fills with who acted: their username (`withdrawnBy`, most records' `createdBy`)
 * or their account's id (an API token's `createdBy`).
 */
const actorFields = new Set(['withdrawnBy', 'createdBy']);

/**
 * A field that records who acted, said by the entry's actor's name where it holds that actor: the
 * name the page answers beside every entry to every reader of the trail, so it tells no one more;
 * undefined for another field, someone else, or an actor the page does not name.
 */
export function sayEntryActor(
  field: string,
  value: unknown,
  actor: EntryActor | undefined,
): ShownValue | undefined {
  if (!actor?.actorName || !actorFields.has(field) || typeof value !== 'string') return undefined;
  const isActor =
    value === actor.actorLabel ||
    (actor.actorUserId !== null && value.toLowerCase() === actor.actorUserId.toLowerCase());
  return isActor ? text(actor.actorName) : undefined;
}

/** Whether a list is said one item a line: a list of objects, each said as its fields. */
export const isListOfObjects = (items: readonly ShownValue[]) =>
  items.length > 1 && items.some((item) => item.type === 'fields');

/** A shown value as text: a removed record as "(borttagen)", fields as "Label: value; …". */
export function sayValue(t: Translator['t'], value: ShownValue): string {
  switch (value.type) {
    case 'text':
      return value.text;
    case 'reference':
      return value.name ?? t('audit.removedReference');
    case 'list':
      return value.items.map((item) => sayValue(t, item)).join(isListOfObjects(value.items) ? '\n' : ', ');
    case 'fields':
      return value.fields.map((shown) => `${shown.name.text}: ${sayValue(t, shown.value)}`).join('; ');
  }
}
