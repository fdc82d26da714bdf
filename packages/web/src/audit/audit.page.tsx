import type { Static } from 'typebox';
import type { AuditEntryRow as AuditEntryRowSchema } from '@portvakt/contract';
import { resources } from '@portvakt/core';
import { withQuery } from '../shared/api-client';
import { PagedTable, type Column } from '../shared/data-table';
import { FilterBar } from '../shared/filter-bar';
import { DayRangeFields, SelectFilter } from '../shared/filters';
import { Page } from '../shared/page';
import { sayActorLabel } from './actor-label';
import { listActionOptions } from './audit-actions';
import { nameChangedField, sayStoredValue } from './audit-fields';
import { useTranslator, type Translator } from '../shared/i18n';
import { Link, useSearchParams } from '../shared/router';
import { usePagedList } from '../shared/use-api';
import { RowTable } from '../shared/row-table';

/** One audit entry as `GET /audit` returns it. */
export type AuditEntry = Static<typeof AuditEntryRowSchema>;

/** Console pages that show one record of an audited entity. */
const detailPages: Record<string, string> = {
  customer: '/customers',
  access_path: '/customers',
  lock_device: '/locks',
  staff_member: '/staff',
  digital_key: '/keys',
  team: '/teams',
};

const ignoredFields = new Set(['updatedAt', 'createdAt']);

/** An instant as the API writes it (`toISOString`, or with an offset). */
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** A calendar day as the API writes it (`employmentStartsOn`, `validUntil`). */
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Fields whose value differs between before and after (or all of them for a create or delete).
 * Values are said as the rest of the console says them: an instant in local time, a calendar day
 * as the translator writes one, none as a dash, yes or no, a stored enumeration value of `entity`'s
 * field (each of a list's) by its label (audit-fields.ts); other text as recorded. `field` stays
 * the name the server records (the page labels it).
 */
export function listChanges(
  before: unknown,
  after: unknown,
  translator: Pick<Translator, 't' | 'label' | 'formatDateTime' | 'formatDate'>,
  entity = '',
): Array<{ field: string; before: string; after: string }> {
  const { t, formatDateTime, formatDate } = translator;
  const asRecord = (value: unknown): Record<string, unknown> =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : value === null || value === undefined
        ? {}
        : { value };
  const left = asRecord(before);
  const right = asRecord(after);
  const sayStored = (field: string, value: string) => sayStoredValue(translator, entity, field, value);
  const show = (field: string, value: unknown): string => {
    if (value === undefined) return '';
    if (value === null) return t('common.none');
    if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      const words = value.map((item) => sayStored(field, item));
      if (words.every((word) => word !== undefined)) return words.join(', ');
    }
    if (typeof value !== 'string') return JSON.stringify(value);
    const words = sayStored(field, value);
    if (words !== undefined) return words;
    if (instantPattern.test(value)) return formatDateTime(value);
    return dayPattern.test(value) ? formatDate(value) : value;
  };
  const fields = [...new Set([...Object.keys(left), ...Object.keys(right)])].filter(
    (field) => !ignoredFields.has(field),
  );
  return fields
    .filter((field) => JSON.stringify(left[field]) !== JSON.stringify(right[field]))
    .map((field) => ({ field, before: show(field, left[field]), after: show(field, right[field]) }));
}

/** A changed field by its label; one without a label by its stored name, shown as code. */
function ChangedField({ entity, field }: { entity: string; field: string }) {
  const { language } = useTranslator();
  const name = nameChangedField(entity, field, language);
  return name.isStoredName ? <code>{name.text}</code> : <>{name.text}</>;
}

function Changes({ entry }: { entry: AuditEntry }) {
  const translator = useTranslator();
  const { t } = translator;
  const changes = listChanges(entry.before, entry.after, translator, entry.entity);
  if (changes.length === 0) return <span className="muted">{t('audit.noChanges')}</span>;
  return (
    <details className="audit-changes">
      <summary>
        {t('audit.showChanges')} ({changes.length})
      </summary>
      <RowTable
        frame="plain"
        rows={changes}
        rowKey={(change) => change.field}
        columns={[
          {
            header: t('audit.field'),
            isRowHeader: true,
            render: (change) => <ChangedField entity={entry.entity} field={change.field} />,
          },
          { header: t('audit.before'), render: (change) => change.before },
          { header: t('audit.after'), render: (change) => change.after },
        ]}
      />
    </details>
  );
}

/** A calendar day typed in the filter means that whole local day. */
function toRangeBound(day: string, isEnd: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T00:00:00`);
  if (isEnd) date.setDate(date.getDate() + 1);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function AuditPage() {
  const { t, label, formatDateTime } = useTranslator();
  const [params, setParams] = useSearchParams();
  const entity = params.get('entity') ?? '';
  const action = params.get('action') ?? '';
  const entityId = params.get('entityId') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const list = usePagedList<AuditEntry>('/audit', {
    entity: entity || undefined,
    action: action || undefined,
    entityId: entityId || undefined,
    from: toRangeBound(from, false),
    to: toRangeBound(to, true),
  });

  const columns: Array<Column<AuditEntry>> = [
    { key: 'occurredAt', header: t('audit.occurredAt'), render: (row) => formatDateTime(row.occurredAt) },
    {
      key: 'actor',
      header: t('audit.actor'),
      render: (row) => (
        <>
          {sayActorLabel(row, t)}
          {row.actorRole && <span className="muted"> ({label('role', row.actorRole)})</span>}
        </>
      ),
    },
    { key: 'action', header: t('audit.action'), render: (row) => label('auditAction', row.action) },
    {
      key: 'entity',
      header: t('audit.entity'),
      render: (row) => {
        const page = detailPages[row.entity];
        const name = label('auditEntity', row.entity);
        return page && row.entityId && row.action !== 'delete' ? (
          <Link to={`${page}/${row.entityId}`}>{name}</Link>
        ) : (
          name
        );
      },
    },
    { key: 'changes', header: t('audit.changes'), render: (row) => <Changes entry={row} /> },
  ];

  return (
    <Page title={t('audit.title')} intro={t('audit.intro')}>
      <FilterBar>
        <SelectFilter
          label={t('audit.entity')}
          value={entity}
          options={[...resources, 'user_session'].map((value) => ({
            value,
            label: label('auditEntity', value),
          }))}
          onChange={(value) => setParams({ entity: value })}
        />
        <SelectFilter
          label={t('audit.action')}
          value={action}
          options={listActionOptions(label)}
          onChange={(value) => setParams({ action: value })}
        />
        <DayRangeFields
          fromLabel={t('audit.from')}
          toLabel={t('audit.to')}
          from={from}
          to={to}
          onChange={setParams}
        />
      </FilterBar>
      {entityId && (
        <p className="filter-note">
          {t('audit.filteredToEntity')}{' '}
          <Link to={withQuery('/audit', { entity, action, from, to })}>{t('audit.clearEntityFilter')}</Link>
        </p>
      )}
      <PagedTable
        list={list}
        caption={t('audit.caption')}
        columns={columns}
        emptyText={t('common.noResults')}
      />
    </Page>
  );
}
