// The audit trail's changed fields in the reader's words: a field by its label rather than the
// name the server records it under, and a stored enumeration value by the label the rest of the
// console gives it (`label(name, value)`, web/src/shared/labels.ts). A field without a label is
// shown by its stored name, marked as such (audit-fields.test.ts lists the registry's).
import { sayKeyReason } from '../devices';
import type { EnumName, Language, Translator } from '../shared/i18n';
import { auditFieldsEn } from './audit.en';
import { auditFieldsSv } from './audit.sv';

type Sayer = Pick<Translator, 't' | 'label'>;

/** How a field's stored values are said: by an enumeration's labels, or by a function of them. */
type ValueWords = EnumName | ((translator: Sayer, value: string) => string);

/** The fields whose values are enumerations (or codes), by entity (core's resource names). */
export const enumeratedFields: Readonly<Record<string, Readonly<Record<string, ValueWords>>>> = {
  door: { kind: 'doorKind', openingMethod: 'openingMethod' },
  provider: { ownership: 'ownership', kinds: 'providerKind' },
  customer_service: { service: 'serviceKind' },
  area_rule: { service: 'serviceKind' },
  staff_member: { occupation: 'staffOccupation' },
  lock_device: { lockType: 'lockType', status: 'lockStatus' },
  // A reason the server writes is a code (`employment_ended`, a status); a typed one stays as written.
  digital_key: { kind: 'keyKind', status: 'keyStatus', statusReason: sayKeyReason },
  work_order: {
    kind: 'workOrderKind',
    state: 'workOrderState',
    awaits: 'workOrderAwaits',
    origin: 'workOrderOrigin',
  },
  user_account: { role: 'role' },
};

const fieldLabels: Record<Language, Readonly<Record<string, string>>> = {
  sv: auditFieldsSv,
  en: auditFieldsEn,
};

function findLabel(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * A changed field of `entity` by its label (the entity's own first, then the field's), or by its
 * stored name when it has none: `isStoredName` says so, and the page shows it as a code.
 */
export function nameChangedField(
  entity: string,
  field: string,
  language: Language,
): { text: string; isStoredName: boolean } {
  const table = fieldLabels[language];
  const label = findLabel(table, `${entity}.${field}`) ?? findLabel(table, field);
  return label === undefined ? { text: field, isStoredName: true } : { text: label, isStoredName: false };
}

/**
 * A stored value of `entity`'s `field` in words; undefined when the field's values are not an
 * enumeration. A value the enumeration does not know is said as stored.
 */
export function sayStoredValue(
  translator: Sayer,
  entity: string,
  field: string,
  value: string,
): string | undefined {
  const fields = Object.hasOwn(enumeratedFields, entity) ? enumeratedFields[entity]! : {};
  const words = Object.hasOwn(fields, field) ? fields[field] : undefined;
  if (words === undefined) return undefined;
  return typeof words === 'function' ? words(translator, value) : translator.label(words, value);
}
