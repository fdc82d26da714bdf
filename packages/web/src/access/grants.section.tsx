// The customer's individual temporary grants: list, end now, delete, and give a new one.
import type { Static } from 'typebox';
import type { AccessGrantRow as AccessGrantRowSchema } from '@portvakt/contract';
import { useState } from 'react';
import { RowButton } from '../components';
import { useSession } from '../accounts';
import type { StaffRow } from '../registry';
import { forgetCachedEntities, getEntityCached, requestApi } from '../shared/api-client';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { describeEntity, EntityLink } from '../shared/entity-link';
import { columnIf, ResourceTable } from '../shared/row-table';
import { Section } from '../shared/section';
import { useTranslator } from '../shared/i18n';
import { PhaseTag } from '../shared/phase-tag';
import { Notice } from '../shared/states';
import { findValidityPhase } from '../shared/time';
import { useCustomerRows, useSectionChange, type CustomerSectionProps } from './customer-services';
import { GrantForm } from './grant-form';

type GrantRow = Static<typeof AccessGrantRowSchema>;

export function GrantsSection({ customerId, services, version, onChanged }: CustomerSectionProps) {
  const { t, formatDateTime } = useTranslator();
  const session = useSession();
  const grants = useCustomerRows<GrantRow>('/access-grants', customerId, version);
  const [pending, setPending] = useState<
    { row: GrantRow; name: string; action: 'end' | 'delete' } | undefined
  >();
  const { notice, isBusy, run } = useSectionChange(grants.reload, onChanged);
  const canCreate = session.can('access_grant', 'create');
  const canUpdate = session.can('access_grant', 'update');
  const canDelete = session.can('access_grant', 'delete');

  const ask = (row: GrantRow, action: 'end' | 'delete') => {
    setPending({ row, name: '', action });
    getEntityCached<StaffRow>('staff', row.staffMemberId).then(
      (staff) => setPending((current) => current && { ...current, name: describeEntity(staff) }),
      () => undefined,
    );
  };

  const confirm = async () => {
    if (!pending) return;
    await run(async () => {
      if (pending.action === 'end')
        await requestApi('PATCH', `/access-grants/${pending.row.id}`, {
          validUntil: new Date().toISOString(),
        });
      else await requestApi('DELETE', `/access-grants/${pending.row.id}`);
      forgetCachedEntities('access-grants');
      return pending.action === 'end' ? t('customers.grantEnded') : t('customers.grantDeleted');
    });
    setPending(undefined);
  };

  return (
    <Section title={t('customers.grants')} intro={t('customers.grantsIntro')} section="grants">
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      <ResourceTable
        resource={grants}
        emptyText={t('customers.grantsEmpty')}
        caption={t('customers.grants')}
        columns={[
          {
            header: t('customers.grantStaff'),
            render: (row) => <EntityLink apiPath="staff" pagePath="/staff" id={row.staffMemberId} />,
          },
          { header: t('customers.grantState'), render: (row) => <PhaseTag range={row} /> },
          { header: t('teams.validFrom'), render: (row) => formatDateTime(row.validFrom) },
          { header: t('teams.validUntil'), render: (row) => formatDateTime(row.validUntil) },
          { header: t('customers.grantReason'), render: (row) => row.reason },
          { header: t('common.grantedBy'), render: (row) => row.grantedByName ?? row.grantedBy },
          ...columnIf<GrantRow>(canUpdate || canDelete, {
            header: { text: t('common.actions'), isVisuallyHidden: true },
            className: 'row-actions',
            render: (row) => (
              <>
                {canUpdate && findValidityPhase(row) === 'current' && (
                  <RowButton onClick={() => ask(row, 'end')}>{t('customers.grantEnd')}</RowButton>
                )}
                {/* One that has begun stays on record (the server answers 409 already_started). */}
                {canDelete && findValidityPhase(row) === 'upcoming' && (
                  <RowButton tone="quiet" onClick={() => ask(row, 'delete')}>
                    {t('common.delete')}
                  </RowButton>
                )}
              </>
            ),
          }),
        ]}
      />
      {canCreate && services && (
        <GrantForm
          customerId={customerId}
          services={services}
          onGranted={(text) => void run(async () => text)}
        />
      )}
      <ConfirmDialog
        isOpen={pending !== undefined}
        title={
          pending?.action === 'delete'
            ? t('customers.grantDeleteTitle', { name: pending.name })
            : t('customers.grantEndTitle', { name: pending?.name ?? '' })
        }
        confirmLabel={pending?.action === 'delete' ? t('common.delete') : t('customers.grantEndConfirm')}
        isBusy={isBusy}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(undefined)}
      >
        <p>{pending?.action === 'delete' ? t('customers.grantDeleteText') : t('customers.grantEndText')}</p>
      </ConfirmDialog>
    </Section>
  );
}
