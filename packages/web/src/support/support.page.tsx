// The support page (docs/support.md "Console"): whether support is open, the cases the role may
// see with filters and badges, and "Nytt ärende" for every role that may raise one.
import type { SupportCasePage, SupportCaseSummary } from '@portvakt/contract';
import { supportCaseCategories, supportCasePriorities, supportCaseStatuses } from '@portvakt/core';
import { useState } from 'react';
import { useSession } from '../accounts';
import { PagedTable, type Column } from '../shared/data-table';
import { CheckboxField } from '../shared/field';
import { SelectFilter } from '../shared/filters';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { Link } from '../shared/router';
import { Notice } from '../shared/states';
import { usePagedList } from '../shared/use-api';
import { RaiseCaseButton } from './raise-case-dialog';
import { SupportPriorityBadge, SupportStatusBadge } from './support-badges';
import { SupportHoursNotice, useSupportHours } from './support-hours-notice';

export function SupportPage() {
  const { t, label, formatDateTime } = useTranslator();
  const session = useSession();
  const hours = useSupportHours();
  const [status, setStatus] = useState('');
  const [category, setCategory] = useState('');
  const [priority, setPriority] = useState('');
  const [assignee, setAssignee] = useState('');
  const [isMine, setIsMine] = useState(false);
  const [isEmergency, setIsEmergency] = useState(false);
  const [raised, setRaised] = useState<string | undefined>();
  // Assignees are the municipality's support side: only they filter by who handles a case.
  const isSupportSide = ['support', 'lock_manager', 'municipality_admin', 'auditor'].includes(
    session.me.role,
  );
  const list = usePagedList<SupportCaseSummary>('/support-cases', {
    status: status || undefined,
    category: category || undefined,
    priority: priority || undefined,
    assignee: assignee || undefined,
    mine: isMine ? 'true' : undefined,
    emergency: isEmergency ? 'true' : undefined,
  });
  const total = (list.data as SupportCasePage | undefined)?.total;
  const columns: Array<Column<SupportCaseSummary>> = [
    {
      key: 'reference',
      header: t('support.reference'),
      render: (row) => <Link to={`/support/${row.id}`}>{row.reference}</Link>,
    },
    {
      key: 'title',
      header: t('support.caseTitle'),
      render: (row) => (
        <>
          {row.title} {row.isEmergency && <span className="tag tag-blocked">{t('support.emergency')}</span>}
        </>
      ),
    },
    {
      key: 'category',
      header: t('support.category'),
      render: (row) => label('supportCaseCategory', row.category),
    },
    {
      key: 'priority',
      header: t('support.priority'),
      render: (row) => <SupportPriorityBadge priority={row.priority} />,
    },
    {
      key: 'status',
      header: t('support.status'),
      render: (row) => <SupportStatusBadge status={row.status} />,
    },
    { key: 'raisedBy', header: t('support.raisedBy'), render: (row) => row.raisedBy },
    {
      key: 'assignee',
      header: t('support.assignee'),
      render: (row) => row.assignedUserName ?? t('common.none'),
    },
    { key: 'created', header: t('support.created'), render: (row) => formatDateTime(row.createdAt) },
  ];
  return (
    <Page
      title={t('support.title')}
      intro={t('support.intro')}
      actions={
        session.can('support_case', 'create') && (
          <RaiseCaseButton
            hours={hours.data}
            onRaised={(made) => {
              setRaised(made.reference);
              list.reload();
            }}
          />
        )
      }
    >
      {hours.data && <SupportHoursNotice hours={hours.data} />}
      {raised && <Notice>{t('support.raised', { reference: raised })}</Notice>}
      <div className="filters" role="search">
        <SelectFilter
          label={t('support.status')}
          value={status}
          onChange={setStatus}
          options={supportCaseStatuses.map((value) => ({ value, label: label('supportCaseStatus', value) }))}
        />
        <SelectFilter
          label={t('support.category')}
          value={category}
          onChange={setCategory}
          options={supportCaseCategories.map((value) => ({
            value,
            label: label('supportCaseCategory', value),
          }))}
        />
        <SelectFilter
          label={t('support.priority')}
          value={priority}
          onChange={setPriority}
          options={supportCasePriorities.map((value) => ({
            value,
            label: label('supportCasePriority', value),
          }))}
        />
        {isSupportSide && (
          <SelectFilter
            label={t('support.assignee')}
            value={assignee}
            onChange={setAssignee}
            options={[
              { value: 'me', label: t('support.assignedToMe') },
              { value: 'none', label: t('support.unassigned') },
            ]}
          />
        )}
        <CheckboxField label={t('support.mine')} isChecked={isMine} onChange={setIsMine} />
        <CheckboxField label={t('support.emergencyOnly')} isChecked={isEmergency} onChange={setIsEmergency} />
      </div>
      {total !== undefined && <p className="muted">{t('support.count', { count: total })}</p>}
      <PagedTable list={list} caption={t('support.title')} columns={columns} emptyText={t('support.none')} />
    </Page>
  );
}
