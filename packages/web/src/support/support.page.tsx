// The support page (docs/support.md "Console"): whether support is open, the cases the role may
// see with filters and badges, and "Nytt ärende" for every role that may raise one.
import type { SupportCasePage, SupportCaseSummary } from '@portvakt/contract';
import { Fragment, useState } from 'react';
import { useSession } from '../accounts';
import { PagedTable, type Column } from '../shared/data-table';
import { CheckboxField } from '../shared/field';
import { FilterBar } from '../shared/filter-bar';
import { SelectFilter } from '../shared/filters';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { Link } from '../shared/router';
import { Notice } from '../shared/states';
import { usePagedList } from '../shared/use-api';
import { sayCaseTitle } from './case-title';
import { RaiseCaseButton } from './raise-case-dialog';
import { SupportChoiceFilter, type SupportChoice } from './support-choice-field';
import { SupportPriorityBadge, SupportStatusBadge } from './support-badges';
import { SupportHoursNotice, useSupportHours } from './support-hours-notice';

/** The case list's choice filters, in the order they stand. */
const filteredChoices: SupportChoice[] = ['status', 'category', 'priority'];

/**
 * A raiser's name, or their username (demo.arbetsledare.omsorgshuset) where the API answers no
 * name, that may break after its dots, not inside a word, so a long one does not widen the worklist.
 */
function BreakableName({ name }: { name: string }) {
  const parts = name.split('.');
  return parts.map((part, index) => (
    <Fragment key={index}>
      {part}
      {index < parts.length - 1 && (
        <>
          .<wbr />
        </>
      )}
    </Fragment>
  ));
}

export function SupportPage() {
  const { t, label, formatDateTime } = useTranslator();
  const session = useSession();
  const hours = useSupportHours();
  const [choices, setChoices] = useState<Record<SupportChoice, string>>({
    status: '',
    category: '',
    priority: '',
  });
  const [assignee, setAssignee] = useState('');
  const [isMine, setIsMine] = useState(false);
  const [isEmergency, setIsEmergency] = useState(false);
  const [raised, setRaised] = useState<string | undefined>();
  // Assignees are the municipality's support side: only they filter by who handles a case.
  const isSupportSide = ['support', 'lock_manager', 'municipality_admin', 'auditor'].includes(
    session.me.role,
  );
  const list = usePagedList<SupportCaseSummary>('/support-cases', {
    status: choices.status || undefined,
    category: choices.category || undefined,
    priority: choices.priority || undefined,
    assignee: assignee || undefined,
    mine: isMine ? 'true' : undefined,
    emergency: isEmergency ? 'true' : undefined,
  });
  const total = (list.data as SupportCasePage | undefined)?.total;
  const columns: Array<Column<SupportCaseSummary>> = [
    {
      key: 'reference',
      header: t('support.reference'),
      className: 'support-reference',
      render: (row) => <Link to={`/support/${row.id}`}>{row.reference}</Link>,
    },
    {
      key: 'title',
      header: t('support.caseTitle'),
      className: 'support-title',
      render: (row) => (
        <>
          {sayCaseTitle(row, t)}{' '}
          {row.isEmergency && <span className="tag tag-blocked">{t('support.emergency')}</span>}
        </>
      ),
    },
    {
      key: 'category',
      header: t('support.category'),
      className: 'support-secondary',
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
    {
      key: 'raisedBy',
      header: t('support.raisedBy'),
      className: 'support-secondary',
      render: (row) => <BreakableName name={row.raisedByName ?? row.raisedBy} />,
    },
    {
      key: 'assignee',
      header: t('support.assignee'),
      className: 'support-secondary',
      render: (row) => row.assignedUserName ?? t('common.none'),
    },
    {
      key: 'created',
      header: t('support.created'),
      className: 'support-secondary support-created',
      render: (row) => formatDateTime(row.createdAt),
    },
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
      <FilterBar>
        {filteredChoices.map((choice) => (
          <SupportChoiceFilter
            key={choice}
            choice={choice}
            value={choices[choice]}
            onChange={(value) => setChoices({ ...choices, [choice]: value })}
          />
        ))}
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
      </FilterBar>
      {total !== undefined && <p className="muted">{t('support.count', { count: total })}</p>}
      <div className="support-cases">
        <PagedTable
          list={list}
          caption={t('support.title')}
          columns={columns}
          emptyText={t('support.none')}
        />
      </div>
    </Page>
  );
}
