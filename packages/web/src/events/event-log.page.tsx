// The event log: choose a subject (customer, staff member, key, lock or door) with a search
// picker, a period and "refused only"; a paged table newest first, and a CSV export of the whole
// filter (built here from the API's pages). The filter lives in the address.
import type { Resource } from '@portvakt/core';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { getApi, withQuery, type Page as ApiPage } from '../shared/api-client';
import { describeEntity, EntityLink } from '../shared/entity-link';
import { FilterBar } from '../shared/filter-bar';
import { EventTable } from './event-table';
import { Page } from '../shared/page';
import { DayRangeFields, SearchRow } from '../shared/filters';
import { EmptyState, Notice } from '../shared/states';
import {
  buildEventsCsv,
  downloadText,
  endOfLocalDay,
  eventSubjectKinds,
  fetchAllEvents,
  startOfLocalDay,
  type EventFilter,
  type EventSubjectKind,
} from './event-log';
import { localToday, startOfDay, toDayString } from '../shared/dates';
import { CheckboxField, SelectField } from '../shared/field';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { Link, useSearchParams } from '../shared/router';
import { useSession } from '../accounts';

const subjects: Record<EventSubjectKind, { apiPath: string; pagePath?: string; resource: Resource }> = {
  customer: { apiPath: 'customers', pagePath: '/customers', resource: 'customer' },
  staff: { apiPath: 'staff', pagePath: '/staff', resource: 'staff_member' },
  key: { apiPath: 'keys', pagePath: '/keys', resource: 'digital_key' },
  lock: { apiPath: 'locks', pagePath: '/locks', resource: 'lock_device' },
  door: { apiPath: 'doors', resource: 'door' },
};

/** Subjects the role may ask for and pick: lock managers see lock and door events only. */
export function useEventSubjects(): EventSubjectKind[] {
  const session = useSession();
  return eventSubjectKinds.filter(
    (kind) =>
      session.can(subjects[kind].resource) &&
      (session.me.role !== 'lock_manager' || kind === 'lock' || kind === 'door'),
  );
}

interface Named {
  id: string;
  givenName?: string;
  familyName?: string;
  name?: string;
  label?: string;
  serial?: string;
}

function SubjectPicker({ kind, onPick }: { kind: EventSubjectKind; onPick: (id: string) => void }) {
  const { t } = useTranslator();
  const id = useId();
  const [draft, setDraft] = useState('');
  const [results, setResults] = useState<Named[] | undefined>(undefined);
  useEffect(() => setResults(undefined), [kind]);
  const subjectLabel = t(`events.subject.${kind}` as MessageKey).toLowerCase();
  const search = (event: FormEvent) => {
    event.preventDefault();
    const path = subjects[kind].apiPath;
    getApi<ApiPage<Named>>(withQuery(`/${path}`, { q: draft.trim(), limit: 10 })).then(
      (page) => setResults(page.items),
      () => setResults([]),
    );
  };
  return (
    <form role="search" className="search-box" onSubmit={search}>
      <label htmlFor={id}>{t('events.pick', { subject: subjectLabel })}</label>
      <SearchRow id={id} value={draft} placeholder={t('events.pickPlaceholder')} onChange={setDraft} />
      {results && results.length === 0 && <p className="muted">{t('common.noResults')}</p>}
      {results && results.length > 0 && (
        <ul className="event-picker-results" aria-label={t('events.pickResults')}>
          {results.map((row) => (
            <li key={row.id}>
              <button type="button" className="button button-secondary" onClick={() => onPick(row.id)}>
                {t('events.choose')}
              </button>
              <span>{describeEntity(row)}</span>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

export function EventLogPage() {
  const { t, describeProblem } = useTranslator();
  const allowed = useEventSubjects();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('subject') as EventSubjectKind | null;
  const kind: EventSubjectKind | undefined =
    kindParam && allowed.includes(kindParam) ? kindParam : allowed[0];
  const subjectId = params.get('id') ?? '';
  const today = localToday();
  const fromDay = params.get('from') ?? toDayString(startOfDay(today, -6));
  const toDay = params.get('to') ?? today;
  const isRefusedOnly = params.get('refused') === '1';
  const [exportState, setExportState] = useState<{ isBusy: boolean; cappedAt?: number; error?: string }>({
    isBusy: false,
  });
  const isRangeValid = fromDay <= toDay;
  const filter: EventFilter | undefined =
    kind && subjectId && isRangeValid
      ? {
          subject: kind,
          id: subjectId,
          from: startOfLocalDay(fromDay),
          to: endOfLocalDay(toDay),
          isRefusedOnly,
        }
      : undefined;

  const exportCsv = async () => {
    if (!filter) return;
    setExportState({ isBusy: true });
    try {
      const { items, isCapped } = await fetchAllEvents(filter);
      const csv = buildEventsCsv(t, items);
      downloadText(`handelselogg-${kind}-${fromDay}-${toDay}.csv`, csv);
      setExportState({ isBusy: false, ...(isCapped ? { cappedAt: items.length } : {}) });
    } catch (error) {
      // The API's code in the reader's language, not the server's English message.
      setExportState({ isBusy: false, error: describeProblem(error) });
    }
  };

  if (!kind) return <Page title={t('events.title')}>{null}</Page>;
  const subject = subjects[kind];
  return (
    <Page
      title={t('events.title')}
      intro={t('events.intro')}
      actions={
        filter && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void exportCsv()}
            disabled={exportState.isBusy}
          >
            {exportState.isBusy ? t('events.exporting') : t('events.exportCsv')}
          </button>
        )
      }
    >
      <section className="card">
        <FilterBar>
          <SelectField
            label={t('events.subjectKind')}
            value={kind}
            onChange={(event) => setParams({ subject: event.target.value, id: null })}
            options={allowed.map((option) => ({
              value: option,
              label: t(`events.subject.${option}` as MessageKey),
            }))}
          />
          <DayRangeFields
            fromLabel={t('events.from')}
            toLabel={t('events.to')}
            from={fromDay}
            to={toDay}
            onChange={setParams}
          />
          <CheckboxField
            label={t('events.refusedOnly')}
            isChecked={isRefusedOnly}
            onChange={(isChecked) => setParams({ refused: isChecked ? '1' : null })}
          />
        </FilterBar>
        {subjectId ? (
          <p>
            {t('events.chosen')} {t(`events.subject.${kind}` as MessageKey).toLowerCase()}:{' '}
            <strong>
              <EntityLink
                apiPath={subject.apiPath}
                {...(subject.pagePath ? { pagePath: subject.pagePath } : {})}
                id={subjectId}
              />
            </strong>{' '}
            <button type="button" className="button button-quiet" onClick={() => setParams({ id: null })}>
              {t('events.change')}
            </button>
          </p>
        ) : (
          <SubjectPicker kind={kind} onPick={(id) => setParams({ subject: kind, id })} />
        )}
        {!isRangeValid && <Notice tone="error">{t('events.invalidRange')}</Notice>}
        {exportState.cappedAt !== undefined && (
          <Notice>{t('events.exportCapped', { count: exportState.cappedAt })}</Notice>
        )}
        {exportState.error && <Notice tone="error">{exportState.error}</Notice>}
      </section>
      {filter ? (
        <section className="card" aria-label={t('events.caption')}>
          <EventTable filter={filter} caption={t('events.caption')} />
        </section>
      ) : (
        <EmptyState>{t('events.noSubject')}</EmptyState>
      )}
    </Page>
  );
}

/** A link to the event log filtered to one subject. */
export function EventLogLink({ subject, id }: { subject: EventSubjectKind; id: string }) {
  const { t } = useTranslator();
  return <Link to={withQuery('/event-log', { subject, id })}>{t('events.showInLog')}</Link>;
}
