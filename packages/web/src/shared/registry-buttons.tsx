// The "new" and "change" buttons of one kind of registry record (a customer, a staff member, a
// team, a property, a door, a key), made from a description of it: its resource, its fields and
// the words particular to it. The buttons themselves are the registry's (`RegistryButton`): shown
// to the roles that may use them, with the registry's own words where the kind names none.
import type { Resource } from '@portvakt/core';
import { RegistryButton } from '../registry/registry-button';
import { useTranslator, type MessageKey } from './i18n';
import type { FormFieldSpec, RegistryDraft } from './registry-form';
import { navigate } from './router';

/** What the buttons of one kind of record need to know of it. */
export interface RegistryRecordKind<Row extends { id: string }> {
  resource: Resource;
  /** The fields shown, in order. */
  names: readonly string[];
  /** A hook giving each field's label and choices; `isEdit` for a change of a record on file. */
  useFields: (draft: RegistryDraft, isEdit: boolean) => readonly FormFieldSpec[];
  /** The "new" button's label, also the dialog's title. */
  createLabel: MessageKey;
  /** Said above a new record's fields. */
  createIntro?: MessageKey;
  /** The "new" dialog's confirm button, where "Registrera" is not the word. */
  createConfirmLabel?: MessageKey;
  /**
   * The list whose records have their own page (`/customers`): its "new" button is the list's
   * primary one and opens the new record's page. A record without one (a door) is made from its
   * owner's page, which is told through `onSaved`.
   */
  listPath?: string;
  /** The record's name in the change dialog's title. */
  nameOf?: (row: Row) => string;
  /** The change button's label, where "Ändra uppgifter" is too long (a row's button). */
  editLabel?: MessageKey;
}

/** The kind's `CreateButton` ("Ny …") and `EditButton` ("Ändra uppgifter"). */
export function defineRegistryButtons<Row extends { id: string }>(kind: RegistryRecordKind<Row>) {
  const { resource, names, useFields, listPath, nameOf } = kind;
  const useNewFields = (draft: RegistryDraft) => useFields(draft, false);
  const useChangedFields = (draft: RegistryDraft) => useFields(draft, true);

  function CreateButton({
    fixed,
    suggested,
    onSaved,
  }: {
    fixed?: Record<string, unknown>;
    suggested?: RegistryDraft;
    onSaved?: () => void;
  }) {
    const { t } = useTranslator();
    return (
      <RegistryButton<Row>
        resource={resource}
        isPrimary={listPath !== undefined}
        buttonLabel={t(kind.createLabel)}
        {...(kind.createIntro ? { intro: <p className="muted">{t(kind.createIntro)}</p> } : {})}
        {...(kind.createConfirmLabel ? { confirmLabel: t(kind.createConfirmLabel) } : {})}
        {...(fixed ? { fixed } : {})}
        {...(suggested ? { suggested } : {})}
        names={names}
        useFields={useNewFields}
        onSaved={(saved) => (listPath === undefined ? onSaved?.() : navigate(`${listPath}/${saved.id}`))}
      />
    );
  }

  function EditButton({ row, onSaved }: { row: Row; onSaved: () => void }) {
    const { t } = useTranslator();
    return (
      <RegistryButton<Row>
        resource={resource}
        {...(kind.editLabel ? { buttonLabel: t(kind.editLabel) } : {})}
        {...(nameOf ? { title: t('registry.editTitle', { name: nameOf(row) }) } : {})}
        row={row}
        names={names}
        useFields={useChangedFields}
        onSaved={onSaved}
      />
    );
  }

  return { CreateButton, EditButton };
}
