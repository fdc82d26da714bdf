// Recording a backup key from the customer page: a door on the customer's way in, the provider
// holding it (a work lead's own), copies, and where it is kept: a cabinet slot or a named safe.
// The cabinets offered are the chosen provider's, in use (GET /key-cabinets, docs/key-cabinets.md).
import type { CustomerLockStatus, KeyCabinetList } from '@portvakt/contract';
import { useState } from 'react';
import { namedChoices, TitledForm } from '../components';
import { useSession } from '../accounts';
import { postApi } from '../shared/api-client';
import { InputField, SelectField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { useResource } from '../shared/use-api';
import { useDraft } from '../shared/use-draft';
import { useFormSubmit } from '../shared/use-form-submit';

export function BackupKeyCreateForm({
  customerId,
  onDone,
}: {
  customerId: string;
  onDone: (text: string) => void;
}) {
  const { t } = useTranslator();
  const session = useSession();
  const status = useResource<CustomerLockStatus>(`/customers/${customerId}/lock-status`);
  const cabinets = useResource<KeyCabinetList>(session.can('key_cabinet') ? '/key-cabinets' : null);
  const [doorId, setDoorId] = useState('');
  const [providerId, setProviderId] = useState('');
  const { draft, setDraft, bind } = useDraft({
    copies: '1',
    cabinetId: '',
    slot: '',
    safeName: '',
    label: '',
    receivedOn: '',
  });
  const { copies, cabinetId, slot, safeName, label, receivedOn } = draft;
  const [place, setPlace] = useState<'cabinet' | 'safe'>('safe');
  const data = status.data;
  const today = data?.day ?? '';
  const chosenDoor = doorId || data?.doors[0]?.doorId || '';
  const chosenProvider = providerId || session.me.providerId || data?.providers[0]?.providerId || '';
  const cabinetList = cabinets.data?.items.filter((cabinet) => cabinet.providerId === chosenProvider);
  const sending = useFormSubmit(async () => {
    await postApi('/backup-keys', {
      customerId,
      providerId: chosenProvider,
      doorId: chosenDoor,
      copies: Number(copies),
      ...(place === 'cabinet'
        ? { keyCabinetId: cabinetId.trim() || null, slot: slot ? Number(slot) : null }
        : { safeName: safeName.trim() || null }),
      label: label.trim() || null,
      receivedOn: receivedOn || today,
    });
    setDraft({ ...draft, label: '' });
    onDone(t('backupKeys.added'));
  });
  if (!data) return null;
  return (
    <TitledForm title={t('backupKeys.add')} submitLabel={t('backupKeys.save')} sending={sending}>
      <div className="form-inline">
        <SelectField
          label={t('backupKeys.door')}
          value={chosenDoor}
          onValue={setDoorId}
          options={data.doors.map((door) => ({ value: door.doorId, label: door.label }))}
        />
        <SelectField
          label={t('backupKeys.provider')}
          value={chosenProvider}
          onValue={setProviderId}
          options={data.providers.map((provider) => ({ value: provider.providerId, label: provider.name }))}
        />
        <InputField label={t('backupKeys.copies')} type="number" min={1} max={20} {...bind('copies')} />
        <InputField
          label={t('backupKeys.receivedOn')}
          type="date"
          max={today}
          {...bind('receivedOn')}
          value={receivedOn || today}
        />
      </div>
      <div className="form-inline">
        <SelectField
          label={t('backupKeys.place')}
          value={place}
          onChange={(event) => setPlace(event.target.value === 'cabinet' ? 'cabinet' : 'safe')}
        >
          <option value="safe">{t('backupKeys.placeSafe')}</option>
          <option value="cabinet">{t('backupKeys.placeCabinet')}</option>
        </SelectField>
        {place === 'safe' ? (
          <InputField label={t('backupKeys.safeName')} maxLength={200} {...bind('safeName')} />
        ) : (
          <>
            {cabinetList ? (
              <SelectField
                label={t('backupKeys.cabinet')}
                {...bind('cabinetId')}
                blank=""
                options={namedChoices(cabinetList)}
              />
            ) : (
              <InputField
                label={t('backupKeys.cabinet')}
                hint={t('backupKeys.cabinetIdHint')}
                {...bind('cabinetId')}
              />
            )}
            <InputField label={t('backupKeys.slot')} type="number" min={1} max={1000} {...bind('slot')} />
          </>
        )}
        <InputField label={t('backupKeys.label')} maxLength={200} {...bind('label')} />
      </div>
    </TitledForm>
  );
}
