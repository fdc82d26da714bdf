// A registry record's "new" and "change" dialog (a customer, a staff member, a team, a key, a
// property, a door, a customer's service). The page names the fields and their labels; each
// field's control follows core's definition of it (text with its length, a date, a number, a
// yes/no, a choice), so the console asks for what the API accepts. A new record sends the filled
// fields; a change sends only the changed ones, an emptied optional field as null, so a field
// someone else changed meanwhile is not written back. The server's rules stay the judge: its
// refusal is shown in the dialog, naming the field by its label.
import { findEntity, type FieldDefinition, type Resource } from '@portvakt/core';
import { useEffect, useState, type ReactNode } from 'react';
import { forgetCachedEntities, listAll, patchApi, postApi } from './api-client';
import { SendingFormDialog } from './confirm-dialog';
import { CheckboxField, InputField, SelectField, TextAreaField, type Choice } from './field';
import { say, useTranslator, type Said } from './i18n';
import { SearchPicker, type PickerOption } from './search-picker';
import { useLoader } from './use-api';
import { useFormSubmit } from './use-form-submit';

/** A personal identity number: written, never read back (the row says only whether there is one). */
const identityNumberField = 'identityNumber';

export interface FormFieldSpec {
  /** The request's field (core's field name). */
  name: string;
  label: string;
  hint?: string;
  /** The choices of a select: an enumeration's labels, or the few records a reference may name. */
  choices?: readonly Choice[];
  /** The choices of a long list (properties, staff), found by typing. */
  options?: readonly PickerOption[];
  isLoading?: boolean;
  /** A longer text, shown as a text area. */
  isLong?: boolean;
  /** What a select's empty choice says ("none" unless the field must be chosen). */
  blank?: string;
  /**
   * Other fields a choice here fills while the person has not set them (a customer's home fills
   * the district): the value of each, by field name, for the chosen value. See `applyFieldValue`.
   */
  fills?: (value: string) => Record<string, string>;
}

export type RegistryDraft = Record<string, string | boolean>;

function definitionOf(resource: Resource, name: string): FieldDefinition {
  if (name === identityNumberField) return { kind: { type: 'text', maxLength: 13 } };
  const definition = findEntity(resource).fields[name];
  if (!definition) throw new Error(`No field ${name} on ${resource}`);
  return definition;
}

/** Whether the field is a plain yes/no (a nullable one, "as the municipality says", is a choice). */
function isCheckbox(definition: FieldDefinition): boolean {
  return definition.kind.type === 'boolean' && definition.isNullable !== true;
}

/** The draft of a row (or of a new record): text for every field, a yes/no for a checkbox. */
export function toRegistryDraft(
  resource: Resource,
  names: readonly string[],
  row: Record<string, unknown> = {},
): RegistryDraft {
  const draft: RegistryDraft = {};
  for (const name of names) {
    const value = row[name];
    if (isCheckbox(definitionOf(resource, name))) draft[name] = value === true;
    else if (typeof value === 'string') draft[name] = value;
    else draft[name] = typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  }
  return draft;
}

/** The value a draft's field sends: null for an emptied one, a number or a yes/no where it is one. */
function toValue(definition: FieldDefinition, value: string | boolean): unknown {
  if (typeof value === 'boolean') return value;
  const text = value.trim();
  if (text === '') return null;
  switch (definition.kind.type) {
    case 'boolean':
      return text === 'true';
    case 'integer':
    case 'number':
      return Number(text.replace(',', '.'));
    default:
      return text;
  }
}

/**
 * The request body: every filled field of a new record (`initial` undefined), or the changed
 * fields of an existing one. An identity number is sent only when one is typed: leaving it empty
 * keeps the one on file.
 */
export function toRegistryBody(
  resource: Resource,
  names: readonly string[],
  draft: RegistryDraft,
  initial?: RegistryDraft,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of names) {
    const value = draft[name]!;
    if (initial && value === initial[name]) continue;
    const sent = toValue(definitionOf(resource, name), value);
    if (sent === null && (!initial || name === identityNumberField)) continue;
    body[name] = sent;
  }
  return body;
}

/**
 * The draft with `spec`'s field set to `value`, and each field its choice fills (`spec.fills`) set
 * too while that field is empty or still holds what the previous choice filled in: a field the
 * person chose stays as they chose it, one filled for them follows the new choice.
 */
export function applyFieldValue(
  draft: RegistryDraft,
  spec: Pick<FormFieldSpec, 'name' | 'fills'>,
  value: string | boolean,
): RegistryDraft {
  const next = { ...draft, [spec.name]: value };
  if (!spec.fills || typeof value !== 'string') return next;
  const previous = draft[spec.name];
  const filledBefore = typeof previous === 'string' && previous !== '' ? spec.fills(previous) : {};
  for (const [name, filled] of Object.entries(spec.fills(value))) {
    const current = next[name];
    if (filled === '' || typeof current !== 'string') continue;
    if (current === '' || current === filledBefore[name]) next[name] = filled;
  }
  return next;
}

/** The first required field left empty in a new record, as words to show, or undefined. */
export function checkRegistryDraft(
  resource: Resource,
  fields: readonly FormFieldSpec[],
  draft: RegistryDraft,
): Said | undefined {
  const missing = fields.find(
    (spec) =>
      definitionOf(resource, spec.name).isRequired === true &&
      typeof draft[spec.name] === 'string' &&
      (draft[spec.name] as string).trim() === '',
  );
  return missing && say('registry.fieldMissing', { field: missing.label });
}

function FieldControl({
  resource,
  spec,
  value,
  isLocked,
  onValue,
}: {
  resource: Resource;
  spec: FormFieldSpec;
  value: string | boolean;
  /** Fixed once made (e.g. a team's provider): shown, not changed. */
  isLocked: boolean;
  onValue: (value: string | boolean) => void;
}) {
  const { t } = useTranslator();
  const definition = definitionOf(resource, spec.name);
  const { kind } = definition;
  const isRequired = definition.isRequired === true;
  // A required choice with one option (a work lead's own provider) is made for them.
  const onlyChoice = isRequired && spec.choices?.length === 1 ? spec.choices[0]!.value : undefined;
  useEffect(() => {
    if (onlyChoice !== undefined && value === '') onValue(onlyChoice);
  }, [onlyChoice, value]);
  const common = {
    name: spec.name,
    label: spec.label,
    isMarkedRequired: isRequired,
    ...(spec.hint ? { hint: spec.hint } : {}),
  };
  if (typeof value === 'boolean')
    return <CheckboxField label={spec.label} isChecked={value} onChange={onValue} />;
  if (spec.options)
    return (
      <SearchPicker
        label={spec.label}
        value={value}
        options={spec.options}
        isLoading={spec.isLoading ?? false}
        onValue={onValue}
      />
    );
  if (spec.choices)
    return (
      <SelectField
        {...common}
        value={value}
        disabled={isLocked}
        required={isRequired}
        options={spec.choices}
        blank={spec.blank ?? (isRequired ? t('registry.choose') : t('common.none'))}
        onValue={onValue}
      />
    );
  if (kind.type === 'date')
    return <InputField {...common} type="date" value={value} required={isRequired} onValue={onValue} />;
  if (kind.type === 'integer' || kind.type === 'number')
    return (
      <InputField
        {...common}
        type="number"
        min={kind.minimum}
        max={kind.maximum}
        step={kind.type === 'integer' ? 1 : 'any'}
        value={value}
        onValue={onValue}
      />
    );
  const maxLength = 'maxLength' in kind ? kind.maxLength : undefined;
  const Control = spec.isLong ? TextAreaField : InputField;
  return (
    <Control
      {...common}
      value={value}
      maxLength={maxLength}
      required={isRequired}
      {...(kind.type === 'phone' ? { type: 'tel' } : {})}
      onValue={onValue}
    />
  );
}

/** The fields of a registry record, bound to a draft. */
export function RegistryFields({
  resource,
  fields,
  draft,
  isEdit,
  onChange,
}: {
  resource: Resource;
  fields: readonly FormFieldSpec[];
  draft: RegistryDraft;
  isEdit: boolean;
  onChange: (draft: RegistryDraft) => void;
}) {
  return (
    <>
      {fields.map((spec) => (
        <FieldControl
          key={spec.name}
          resource={resource}
          spec={spec}
          value={draft[spec.name]!}
          isLocked={isEdit && definitionOf(resource, spec.name).isImmutable === true}
          onValue={(value) => onChange(applyFieldValue(draft, spec, value))}
        />
      ))}
    </>
  );
}

/** What a page tells the dialog about one kind of record. */
export interface RegistryFormProps<Row> {
  resource: Resource;
  title: string;
  confirmLabel: string;
  /** The record to change; a new one when undefined. */
  row?: Record<string, unknown> & { id: string };
  /** Sent with a new record and not shown (a service's customer). */
  fixed?: Record<string, unknown>;
  /** A new record's fields filled in advance, still the person's to change (a service's first day). */
  suggested?: RegistryDraft;
  /** The fields shown, in order. */
  names: readonly string[];
  /**
   * A hook giving each field's label and choices for the draft as it stands (a door's choices
   * follow the chosen property); called once per render.
   */
  useFields: (draft: RegistryDraft) => readonly FormFieldSpec[];
  intro?: ReactNode;
  onSaved: (saved: Row) => void;
}

/** The dialog that makes a record or changes one. */
export function RegistryFormDialog<Row extends { id: string }>({
  resource,
  title,
  confirmLabel,
  row,
  fixed = {},
  suggested,
  names,
  useFields,
  intro,
  onClose,
  onSaved,
}: RegistryFormProps<Row> & { onClose: () => void }) {
  const { path } = findEntity(resource);
  const [draft, setDraft] = useState(() => ({
    ...toRegistryDraft(resource, names, row),
    ...(row ? {} : suggested),
  }));
  const specs = useFields(draft);
  const sending = useFormSubmit(async () => {
    if (!row) {
      const problem = checkRegistryDraft(resource, specs, draft);
      if (problem) return problem;
    }
    const initial = row ? toRegistryDraft(resource, names, row) : undefined;
    const body = toRegistryBody(resource, names, draft, initial);
    const saved = row
      ? await patchApi<Row>(`/${path}/${encodeURIComponent(row.id)}`, body)
      : await postApi<Row>(`/${path}`, { ...fixed, ...body });
    forgetCachedEntities(path);
    onSaved(saved);
    onClose();
  });
  return (
    <SendingFormDialog
      isOpen
      title={title}
      confirmLabel={confirmLabel}
      sending={sending}
      bodyClassName="dialog-body form"
      formName={`${row ? 'edit' : 'create'}-${path}`}
      onClose={onClose}
    >
      {intro}
      <RegistryFields
        resource={resource}
        fields={specs}
        draft={draft}
        isEdit={row !== undefined}
        onChange={(next) => {
          sending.setProblem(undefined);
          setDraft(next);
        }}
      />
    </SendingFormDialog>
  );
}

/** A button that opens a RegistryFormDialog (mounted only while open, so it starts afresh). */
export function RegistryFormButton<Row extends { id: string }>({
  buttonLabel,
  isPrimary = false,
  ...dialog
}: RegistryFormProps<Row> & { buttonLabel: string; isPrimary?: boolean }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={isPrimary ? 'button button-primary' : 'button'}
        onClick={() => setIsOpen(true)}
      >
        {buttonLabel}
      </button>
      {isOpen && <RegistryFormDialog<Row> {...dialog} onClose={() => setIsOpen(false)} />}
    </>
  );
}

/** A reference's choices: every record of `path` the reader may see, by `labelOf`, sorted. */
export function useReferenceChoices<Row extends { id: string }>(
  path: string | null,
  labelOf: (row: Row) => string,
  query: Record<string, string> = {},
  hintOf?: (row: Row) => string | undefined,
): { options: PickerOption[]; choices: Choice[]; rows: readonly Row[]; isLoading: boolean } {
  const key = path && `${path}?${new URLSearchParams(query).toString()}`;
  const loaded = useLoader(key && `reference:${key}`, (signal) => listAll<Row>(`/${path}`, query, signal));
  const items = loaded.data?.items ?? [];
  const options = items
    .map((row) => {
      const hint = hintOf?.(row);
      return { value: row.id, label: labelOf(row), ...(hint ? { hint } : {}) };
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'sv'));
  return { options, choices: options, rows: items, isLoading: loaded.isLoading };
}
