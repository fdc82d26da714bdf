// "Ny nyckel": a new hire's first key (a replacement for a blocked one is made on the blocked
// key's page). The key belongs to a provider and is held by one of its staff; it works once it is
// registered in the activation box and has a PIN (docs/web.md).
import { keyKinds } from '@portvakt/core';
import { RegistryButton, type StaffRow } from '../registry';
import { useTranslator } from '../shared/i18n';
import { navigate } from '../shared/router';
import { useReferenceChoices, type FormFieldSpec, type RegistryDraft } from '../shared/registry-form';
import type { KeyRow } from './block-key-dialog';

function useKeyFields(draft: RegistryDraft): readonly FormFieldSpec[] {
  const { t, label } = useTranslator();
  const providers = useReferenceChoices<{ id: string; name: string }>('providers', (row) => row.name);
  const providerId = typeof draft.providerId === 'string' ? draft.providerId : '';
  const staff = useReferenceChoices<StaffRow>(
    providerId ? 'staff' : null,
    (row) => `${row.givenName} ${row.familyName}`,
    { providerId },
    (row) => row.employeeNumber ?? undefined,
  );
  return [
    { name: 'providerId', label: t('common.provider'), choices: providers.choices },
    {
      name: 'kind',
      label: t('common.kind'),
      choices: keyKinds.map((value) => ({ value, label: label('keyKind', value) })),
    },
    { name: 'serial', label: t('common.serial'), hint: t('keys.replaceSerialHint') },
    {
      name: 'holderStaffMemberId',
      label: t('keys.holder'),
      hint: providerId ? undefined : t('keys.holderProviderFirst'),
      options: staff.options,
      isLoading: staff.isLoading,
    },
  ];
}

export function CreateKeyButton() {
  const { t } = useTranslator();
  return (
    <RegistryButton<KeyRow>
      resource="digital_key"
      isPrimary
      buttonLabel={t('keys.create')}
      intro={<p className="muted">{t('keys.createIntro')}</p>}
      confirmLabel={t('keys.replaceConfirm')}
      names={['providerId', 'kind', 'serial', 'holderStaffMemberId']}
      useFields={useKeyFields}
      onSaved={(saved) => navigate(`/keys/${saved.id}`)}
    />
  );
}
