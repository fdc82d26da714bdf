// The audit trail's changed fields in the reader's words: a field by its label rather than the
// name the server records it under, and a stored enumeration value by the label the rest of the
// console gives it (`label(name, value)`, web/src/shared/labels.ts). A field without a label is
// shown by its stored name, marked as such (audit-fields.test.ts lists the registry's). The fields
// of an object value (a door's opening hours) are named by the same tables.
import { relativeInvitationStatuses, type RelativeInvitationStatus } from '@portvakt/core';
import { sayKeyReason } from '../devices';
import type { EnumName, Language, Translator } from '../shared/i18n';
import { auditFieldsEn } from './audit.en';
import { auditFieldsSv } from './audit.sv';

type Sayer = Pick<Translator, 't' | 'label'>;

/** How a field's stored values are said: by an enumeration's labels, or by a function of them. */
type ValueWords = EnumName | ((translator: Sayer, value: string) => string);

const isInvitationStatus = (value: string): value is RelativeInvitationStatus =>
  (relativeInvitationStatuses as readonly string[]).includes(value);

/** An invitation's status in the words the customer page's relatives section uses for it. */
const sayInvitationStatus = ({ t }: Sayer, value: string) =>
  isInvitationStatus(value) ? t(`relatives.status.${value}`) : value;

/** The fields whose values are enumerations (or codes), by entity (core's resource names). */
export const enumeratedFields: Readonly<Record<string, Readonly<Record<string, ValueWords>>>> = {
  // `days` of each of the door's opening hours: ISO weekdays (1 = Monday).
  door: { kind: 'doorKind', openingMethod: 'openingMethod', days: 'weekday' },
  provider: { ownership: 'ownership', kinds: 'providerKind' },
  customer_service: { service: 'serviceKind' },
  planned_visit: { services: 'visitService' },
  granted_time: { service: 'visitService' },
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
  // A reason the server writes is a code (`relative_invitation_withdrawn`).
  user_account: { role: 'role', reason: 'accountChangeReason' },
  api_token: { role: 'role' },
  relative_invitation: { status: sayInvitationStatus },
  // Within its settings: the relatives' list's naming, a rate's time band, support hours' weekdays.
  municipality: { relativesStaffNaming: 'relativesStaffNaming', band: 'timeBand', weekdays: 'weekday' },
};

/** Object values keyed by an enumeration's values, by entity: a provider's windows by service. */
const enumeratedKeys: Readonly<Record<string, Readonly<Record<string, EnumName>>>> = {
  provider: { serviceWindows: 'serviceKind' },
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

/** Where the label tables list each field: the order an object value's fields are said in. */
const fieldOrder = new Map(Object.keys(auditFieldsSv).map((key, index) => [key, index]));

/**
 * The order of an object value's fields: as the label tables list them (a window's from, to and
 * days), fields without a label after them as stored. The stored order says nothing: PostgreSQL
 * keeps an object's keys shortest first.
 */
export function orderObjectFields<T>(
  entity: string,
  entries: ReadonlyArray<[string, T]>,
): Array<[string, T]> {
  const positionOf = (key: string) =>
    fieldOrder.get(`${entity}.${key}`) ?? fieldOrder.get(key) ?? Number.POSITIVE_INFINITY;
  return entries
    .map((entry, index) => ({ entry, index, position: positionOf(entry[0]) }))
    .sort((a, b) => a.position - b.position || a.index - b.index)
    .map(({ entry }) => entry);
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

function findKeyWords(entity: string, field: string): EnumName | undefined {
  const keys = Object.hasOwn(enumeratedKeys, entity) ? enumeratedKeys[entity]! : {};
  return Object.hasOwn(keys, field) ? keys[field] : undefined;
}

/** Whether `entity`'s object value `field` is keyed by an enumeration's values, not made of fields. */
export const isKeyedByValues = (entity: string, field: string) => findKeyWords(entity, field) !== undefined;

/**
 * A key of `entity`'s object value `field` by its enumeration's label, where the object is keyed by
 * one (a provider's service windows by service); undefined for an object of fields.
 */
export function nameObjectKey(
  translator: Sayer,
  entity: string,
  field: string,
  key: string,
): { text: string; isStoredName: boolean } | undefined {
  const words = findKeyWords(entity, field);
  return words === undefined ? undefined : { text: translator.label(words, key), isStoredName: false };
}
