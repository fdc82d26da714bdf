// "Ny nyckel": a new hire's first key (a replacement for a blocked one is made on the blocked
// key's page). The key belongs to a provider and is held by one of its staff; it works once it is
// registered in the activation box and has a PIN (docs/web.md).
import { keyKinds } from '@portvakt/core';
import type { StaffRow } from '../registry';
import { useTranslator } from '../shared/i18n';
import { defineRegistryButtons } from '../shared/registry-buttons';
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

export const { CreateButton: CreateKeyButton } = defineRegistryButtons<KeyRow>({
  resource: 'digital_key',
  names: ['providerId', 'kind', 'serial', 'holderStaffMemberId'],
  useFields: useKeyFields,
  createLabel: 'keys.create',
  createIntro: 'keys.createIntro',
  createConfirmLabel: 'keys.replaceConfirm',
  listPath: '/keys',
});
