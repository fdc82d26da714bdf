import { useState } from 'react';
import { AuditLink } from '../components/audit-link';
import { BlockKeyButton, type KeyRow } from '../components/block-key-dialog';
import { DetailError } from '../components/detail-error';
import { EntityLink } from '../components/entity-link';
import { Page } from '../components/page';
import { FactList, LoadingState, Notice, PendingFeature } from '../components/states';
import { useTranslator } from '../i18n';
import { useSession } from '../session';
import { useResource } from '../use-api';
import { KeyStatus } from './keys.page';

export function KeyDetailPage({ id }: { id: string }) {
  const { t, label, formatDateTime } = useTranslator();
  const session = useSession();
  const key = useResource<KeyRow>(`/keys/${encodeURIComponent(id)}`);
  const [notice, setNotice] = useState<string | undefined>();
  if (key.isLoading && !key.data) return <LoadingState />;
  if (key.error) return <DetailError error={key.error} title={t('keys.title')} onRetry={key.reload} />;
  const row = key.data!;
  const canBlock = session.can('digital_key', 'update');
  return (
    <Page
      title={`${label('keyKind', row.kind)} ${row.serial}`}
      backTo="/keys"
      actions={
        canBlock && (
          <BlockKeyButton
            keyRow={row}
            onBlocked={() => {
              setNotice(t('keys.blocked'));
              key.reload();
            }}
          />
        )
      }
    >
      {notice && <Notice>{notice}</Notice>}
      <section className="card" aria-label={t('keys.title')}>
        <FactList
          facts={[
            [t('common.serial'), row.serial],
            [t('common.kind'), label('keyKind', row.kind)],
            [t('common.status'), <KeyStatus key="status" status={row.status} />],
            [t('keys.statusReason'), row.statusReason ?? t('common.none')],
            [
              t('keys.holder'),
              row.holderStaffMemberId ? (
                <EntityLink
                  key="holder"
                  apiPath="staff"
                  {...(session.can('staff_member') ? { pagePath: '/staff' } : {})}
                  id={row.holderStaffMemberId}
                />
              ) : (
                t('keys.noHolder')
              ),
            ],
            [t('common.provider'), <EntityLink key="provider" apiPath="providers" id={row.providerId} />],
            [t('common.created'), formatDateTime(row.createdAt)],
            [t('common.updated'), formatDateTime(row.updatedAt)],
          ]}
        />
        <AuditLink entity="digital_key" id={row.id} />
      </section>
      <PendingFeature title={t('staff.activation')} feature="activation">
        {t('staff.activationPending')}
      </PendingFeature>
    </Page>
  );
}
