import { useMemo } from 'react';
import type { Static } from 'typebox';
import {
  auditEntities,
  type AuditEntryRow as AuditEntryRowSchema,
  type AuditPage as AuditPageSchema,
} from '@portvakt/contract';
import { withQuery } from '../shared/api-client';
import { PagedTable, type Column } from '../shared/data-table';
import { FilterBar } from '../shared/filter-bar';
import { DayRangeFields, SelectFilter } from '../shared/filters';
import { Page } from '../shared/page';
import { sayActorLabel } from './actor-label';
import { findActionChoice, listActionOptions, readActionChoice, sayAuditAction } from './audit-actions';
import { nameChangedField } from './audit-fields';
import { AuditValue, recordPages } from './audit-value';
import {
  describeValue,
  readReferenceNames,
  sayEntryActor,
  sayValue,
  type EntryActor,
  type ReferenceNames,
  type ShownValue,
  type ValueTranslator,
} from './audit-values';
import { useTranslator } from '../shared/i18n';
import { Link, useSearchParams } from '../shared/router';
import { usePagedList } from '../shared/use-api';
import { RowTable } from '../shared/row-table';

/** One audit entry as `GET /audit` returns it. */
export type AuditEntry = Static<typeof AuditEntryRowSchema>;
type AuditPageData = Static<typeof AuditPageSchema>;

/** Console pages that show the record an entry is about (an access path is its customer's). */
const entityPages: Record<string, string> = { ...recordPages, access_path: '/customers' };

const ignoredFields = new Set(['updatedAt', 'createdAt']);

/** One changed field: its stored name and its values (undefined where the entry has none). */
export interface Change {
  field: string;
  before: ShownValue | undefined;
  after: ShownValue | undefined;
}

/**
 * Fields whose value differs between before and after (or all of them for a create or delete),
 * each value said as `describeValue` says it: a reference by the name `references` give it (the
 * page's lookup), an object as its labelled fields; a field that records who acted by the entry's
 * `actor`'s name where it is them (`sayEntryActor`). `field` stays the name the server records
 * (the page labels it).
 */
export function describeChanges(
  before: unknown,
  after: unknown,
  translator: ValueTranslator,
  entity = '',
  references: ReferenceNames = new Map(),
  actor?: EntryActor,
): Change[] {
  const asRecord = (value: unknown): Record<string, unknown> =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : value === null || value === undefined
        ? {}
        : { value };
  const left = asRecord(before);
  const right = asRecord(after);
  const show = (field: string, value: unknown) => {
    if (value === undefined) return undefined;
    const shown = describeValue(translator, entity, field, value, references);
    return shown.type === 'reference' ? shown : (sayEntryActor(field, value, actor) ?? shown);
  };
  const fields = [...new Set([...Object.keys(left), ...Object.keys(right)])].filter(
    (field) => !ignoredFields.has(field),
  );
  return fields
    .filter((field) => JSON.stringify(left[field]) !== JSON.stringify(right[field]))
    .map((field) => ({ field, before: show(field, left[field]), after: show(field, right[field]) }));
}

/**
 * The changes as text (`describeChanges`, each value as `sayValue` writes it; none given as ''):
 * an instant in local time, a calendar day as the translator writes one, none as a dash, yes or
 * no, a stored enumeration value by its label (audit-fields.ts), a reference by its name or
 * "(borttagen)"; other text as recorded.
 */
export function listChanges(
  ...args: Parameters<typeof describeChanges>
): Array<{ field: string; before: string; after: string }> {
  const { t } = args[2];
  const say = (value: ShownValue | undefined) => (value === undefined ? '' : sayValue(t, value));
  return describeChanges(...args).map((change) => ({
    field: change.field,
    before: say(change.before),
    after: say(change.after),
  }));
}

/** A changed field by its label; one without a label by its stored name, shown as code. */
function ChangedField({ entity, field }: { entity: string; field: string }) {
  const { language } = useTranslator();
  const name = nameChangedField(entity, field, language);
  return name.isStoredName ? <code>{name.text}</code> : <>{name.text}</>;
}

function Changes({ entry, references }: { entry: AuditEntry; references: ReferenceNames }) {
  const translator = useTranslator();
  const { t } = translator;
  const changes = describeChanges(entry.before, entry.after, translator, entry.entity, references, entry);
  if (changes.length === 0) return <span className="muted">{t('audit.noChanges')}</span>;
  const render = (value: ShownValue | undefined) => value && <AuditValue value={value} />;
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
          { header: t('audit.before'), render: (change) => render(change.before) },
          { header: t('audit.after'), render: (change) => render(change.after) },
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
  const translator = useTranslator();
  const { t, label, formatDateTime } = translator;
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
  // The names of the records this page's entries refer to, answered with the page.
  const references = useMemo(
    () => readReferenceNames((list.data as AuditPageData | undefined)?.references),
    [list.data],
  );

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
    {
      key: 'action',
      header: t('audit.action'),
      render: (row) => sayAuditAction(translator, row.entity, row.action),
    },
    {
      key: 'entity',
      header: t('audit.entity'),
      render: (row) => {
        const page = entityPages[row.entity];
        const name = label('auditEntity', row.entity);
        return page && row.entityId && row.action !== 'delete' ? (
          <Link to={`${page}/${row.entityId}`}>{name}</Link>
        ) : (
          name
        );
      },
    },
    {
      key: 'changes',
      header: t('audit.changes'),
      render: (row) => <Changes entry={row} references={references} />,
    },
  ];

  return (
    <Page title={t('audit.title')} intro={t('audit.intro')}>
      <FilterBar>
        <SelectFilter
          label={t('audit.entity')}
          value={entity}
          options={auditEntities.map((value) => ({
            value,
            label: label('auditEntity', value),
          }))}
          onChange={(value) => setParams({ entity: value })}
        />
        <SelectFilter
          label={t('audit.action')}
          value={findActionChoice(action, entity)}
          options={listActionOptions(translator)}
          onChange={(value) => setParams(readActionChoice(value))}
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
