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
import { SimpleTable } from '../shared/data-table';
import { Section } from '../shared/section';
import { useTranslator } from '../shared/i18n';
import { PhaseTag } from '../shared/phase-tag';
import { Notice, ResourceStates } from '../shared/states';
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
  const items = grants.data?.items ?? [];

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
      <ResourceStates resource={grants} isEmpty={items.length === 0} emptyText={t('customers.grantsEmpty')}>
        <SimpleTable
          caption={t('customers.grants')}
          headers={[
            t('customers.grantStaff'),
            t('customers.grantState'),
            t('teams.validFrom'),
            t('teams.validUntil'),
            t('customers.grantReason'),
            t('common.grantedBy'),
            ...(canUpdate || canDelete ? [{ text: t('common.actions'), isVisuallyHidden: true }] : []),
          ]}
        >
          {items.map((row) => {
            const phase = findValidityPhase(row);
            return (
              <tr key={row.id}>
                <td>
                  <EntityLink apiPath="staff" pagePath="/staff" id={row.staffMemberId} />
                </td>
                <td>
                  <PhaseTag range={row} />
                </td>
                <td>{formatDateTime(row.validFrom)}</td>
                <td>{formatDateTime(row.validUntil)}</td>
                <td>{row.reason}</td>
                <td>{row.grantedBy}</td>
                {(canUpdate || canDelete) && (
                  <td className="row-actions">
                    {canUpdate && phase === 'current' && (
                      <RowButton onClick={() => ask(row, 'end')}>{t('customers.grantEnd')}</RowButton>
                    )}
                    {canDelete && (
                      <RowButton tone="quiet" onClick={() => ask(row, 'delete')}>
                        {t('common.delete')}
                      </RowButton>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </SimpleTable>
      </ResourceStates>
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
