// "Lösennycklar": the signed-in person's passkeys (list, add with a name, remove), and for the
// municipality's administrator the requirement for administrative roles and the reset of another
// account's passkeys (passkeys-admin.tsx). docs/sign-in.md "Passkeys".
import type { PasskeyList, PasskeyRow } from '@portvakt/contract';
import { requestApi } from '../shared/api-client';
import { ConfirmedActionButton, useConfirmedAction } from '../shared/confirm-dialog';
import { say, useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { ResourceTable } from '../shared/row-table';
import { Section } from '../shared/section';
import { Notice } from '../shared/states';
import { useResource } from '../shared/use-api';
import { PasskeyCreateForm } from './passkey-login';
import { PasskeyRequirementSection, PasskeyResetSection } from './passkeys-admin';
import { useSession } from './session';

function RemovePasskeyButton({ passkey, onRemoved }: { passkey: PasskeyRow; onRemoved: () => void }) {
  const { t } = useTranslator();
  const action = useConfirmedAction();
  return (
    <ConfirmedActionButton
      action={action}
      label={t('passkeys.remove')}
      tone="danger"
      title={t('passkeys.removeTitle', { name: passkey.name })}
      text={t('passkeys.removeText')}
      confirmLabel={t('passkeys.remove')}
      onConfirm={() =>
        action.run(async () => {
          await requestApi('DELETE', `/passkeys/${passkey.id}`);
          onRemoved();
        })
      }
    />
  );
}

function AddPasskeyForm({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslator();
  return (
    <PasskeyCreateForm<PasskeyRow>
      formName="add-passkey"
      createText={t('passkeys.add')}
      optionsPath="/passkeys/registration-options"
      answerPath="/passkeys"
      onCreated={(added) => {
        onAdded();
        return say('passkeys.added', { name: added.name });
      }}
    />
  );
}

export function PasskeysPage() {
  const { t, formatDateTime } = useTranslator();
  const session = useSession();
  const passkeys = useResource<PasskeyList>('/passkeys');
  return (
    <Page title={t('passkeys.title')} intro={t('passkeys.intro')}>
      {passkeys.data?.isRequired && <Notice tone="success">{t('passkeys.mustUse')}</Notice>}
      <Section title={t('passkeys.yours')} section="own-passkeys">
        <ResourceTable<PasskeyRow>
          resource={passkeys}
          emptyText={t('passkeys.none')}
          frame="plain"
          rowData={(row) => ({ 'data-passkey': row.name })}
          columns={[
            { header: t('passkeys.name'), render: (row) => row.name, isRowHeader: true },
            {
              header: t('passkeys.created'),
              render: (row) => (
                <>
                  {formatDateTime(row.createdAt)}
                  {row.isBackedUp && <span className="muted"> · {t('passkeys.synced')}</span>}
                </>
              ),
            },
            {
              header: t('passkeys.lastUsed'),
              render: (row) => (row.lastUsedAt ? formatDateTime(row.lastUsedAt) : t('passkeys.never')),
            },
            {
              header: { text: t('passkeys.remove'), isVisuallyHidden: true },
              render: (row) => <RemovePasskeyButton passkey={row} onRemoved={passkeys.reload} />,
            },
          ]}
        />
        <AddPasskeyForm onAdded={passkeys.reload} />
      </Section>
      {session.can('municipality', 'update') && <PasskeyRequirementSection />}
      {session.can('user_account', 'update') && <PasskeyResetSection />}
    </Page>
  );
}
