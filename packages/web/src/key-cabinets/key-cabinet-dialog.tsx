// "Nytt nyckelskåp" and "Ändra uppgifter" of a key cabinet (docs/key-cabinets.md): its name,
// place and number of slots, and for a new one the provider holding it (a work lead's own provider
// is the only choice, made for them). The server's rules stay the judge: its refusal is shown
// under the fields, naming the field by its label. "Ta ur bruk" retires an empty cabinet.
import type { KeyCabinet } from '@portvakt/contract';
import { useEffect, useState } from 'react';
import { patchApi, postApi } from '../shared/api-client';
import { ConfirmedActionButton, SendingFormDialog, useConfirmedAction } from '../shared/confirm-dialog';
import { DialogButton, type OpenedDialog } from '../shared/dialog-button';
import { InputField, SelectField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { useReferenceChoices } from '../shared/registry-form';
import { navigate } from '../shared/router';
import { bindDraft } from '../shared/use-draft';
import { useFormSubmit } from '../shared/use-form-submit';

export interface CabinetDraft {
  name: string;
  providerId: string;
  location: string;
  slotCount: string;
}

const emptyDraft: CabinetDraft = { name: '', providerId: '', location: '', slotCount: '' };

function toCabinetDraft(cabinet: KeyCabinet): CabinetDraft {
  return {
    name: cabinet.name,
    providerId: cabinet.providerId,
    location: cabinet.location ?? '',
    slotCount: String(cabinet.slotCount),
  };
}

/**
 * The request body. A new cabinet (`initial` undefined) sends its filled fields, so the server
 * names a missing one; a change sends only the changed fields (never the provider, which the
 * PATCH does not take), an emptied place as null.
 */
export function toCabinetBody(draft: CabinetDraft, initial?: CabinetDraft): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of ['name', 'providerId', 'location', 'slotCount'] as const) {
    const text = draft[name].trim();
    if (initial ? text === initial[name] || name === 'providerId' : text === '') continue;
    if (name === 'slotCount') body[name] = text === '' ? null : Number(text);
    else body[name] = name === 'location' && text === '' ? null : text;
  }
  return body;
}

/** The dialog of a new cabinet, or of `cabinet`'s change; mounted only while open. */
function KeyCabinetDialog({
  cabinet,
  isOpen,
  close,
  onSaved,
}: OpenedDialog & { cabinet?: KeyCabinet; onSaved: (saved: KeyCabinet) => void }) {
  const { t } = useTranslator();
  const initial = cabinet && toCabinetDraft(cabinet);
  const [draft, setDraft] = useState(initial ?? emptyDraft);
  const providers = useReferenceChoices<{ id: string; name: string }>(
    cabinet ? null : 'providers',
    (row) => row.name,
  );
  const onlyProvider = providers.choices.length === 1 ? providers.choices[0]!.value : '';
  useEffect(() => {
    if (onlyProvider)
      setDraft((current) => (current.providerId ? current : { ...current, providerId: onlyProvider }));
  }, [onlyProvider]);
  const sending = useFormSubmit(async () => {
    const body = toCabinetBody(draft, initial);
    const saved = !cabinet
      ? await postApi<KeyCabinet>('/key-cabinets', body)
      : Object.keys(body).length > 0
        ? await patchApi<KeyCabinet>(`/key-cabinets/${cabinet.id}`, body)
        : cabinet;
    close();
    onSaved(saved);
  });
  const bind = bindDraft(draft, (next) => {
    sending.setProblem(undefined);
    setDraft(next);
  });
  return (
    <SendingFormDialog
      isOpen={isOpen}
      title={cabinet ? t('registry.editTitle', { name: cabinet.name }) : t('keyCabinets.create')}
      confirmLabel={cabinet ? t('registry.save') : t('registry.register')}
      sending={sending}
      bodyClassName="dialog-body form"
      formName={cabinet ? 'edit-key-cabinet' : 'create-key-cabinet'}
      onClose={close}
    >
      {!cabinet && <p className="muted">{t('keyCabinets.createIntro')}</p>}
      <InputField label={t('keyCabinets.name')} isMarkedRequired required maxLength={120} {...bind('name')} />
      {!cabinet && (
        <SelectField
          label={t('keyCabinets.provider')}
          isMarkedRequired
          required
          options={providers.choices}
          blank={t('registry.choose')}
          {...bind('providerId')}
        />
      )}
      <InputField
        label={t('keyCabinets.location')}
        maxLength={200}
        hint={t('keyCabinets.locationHint')}
        {...bind('location')}
      />
      <InputField
        label={t('keyCabinets.slotCount')}
        type="number"
        min={1}
        max={1000}
        step={1}
        isMarkedRequired
        required
        {...(cabinet ? { hint: t('keyCabinets.slotCountHint') } : {})}
        {...bind('slotCount')}
      />
    </SendingFormDialog>
  );
}

/** "Nytt nyckelskåp": the list's primary button; the new cabinet's page opens. */
export function CreateKeyCabinetButton() {
  const { t } = useTranslator();
  return (
    <DialogButton label={t('keyCabinets.create')} className="button button-primary">
      {(dialog) =>
        dialog.isOpen && (
          <KeyCabinetDialog {...dialog} onSaved={(made) => navigate(`/key-cabinets/${made.id}`)} />
        )
      }
    </DialogButton>
  );
}

/** "Ändra uppgifter" of a cabinet in use. */
export function EditKeyCabinetButton({ cabinet, onSaved }: { cabinet: KeyCabinet; onSaved: () => void }) {
  const { t } = useTranslator();
  return (
    <DialogButton label={t('registry.edit')}>
      {(dialog) => dialog.isOpen && <KeyCabinetDialog {...dialog} cabinet={cabinet} onSaved={onSaved} />}
    </DialogButton>
  );
}

/**
 * "Ta ur bruk": asks first, saying what retiring means; the server refuses a cabinet with a key
 * in it or out of it (409 slots_in_use), said in the dialog.
 */
export function RetireKeyCabinetButton({
  cabinet,
  onRetired,
}: {
  cabinet: KeyCabinet;
  onRetired: () => void;
}) {
  const { t } = useTranslator();
  const action = useConfirmedAction();
  return (
    <ConfirmedActionButton
      action={action}
      label={t('keyCabinets.retire')}
      tone="danger"
      title={t('keyCabinets.retireTitle', { name: cabinet.name })}
      text={t('keyCabinets.retireText')}
      confirmLabel={t('keyCabinets.retire')}
      onConfirm={(form) =>
        action.run(async () => {
          await postApi(`/key-cabinets/${cabinet.id}/retire`, {});
          onRetired();
        }, form)
      }
    />
  );
}
