// The staff page's permission sections: the locks the person can open ("Kan öppna", as an
// activation would compile them) and the explain tool for one lock at one time.
import type { Static } from 'typebox';
import type { LockList as LockListSchema, LockRow as LockRowSchema } from '@portvakt/contract';
import { useMemo, useState, type FormEvent } from 'react';
import { ShowAllButton } from '../components';
import { getApi, getEntityCached, withQuery, type Page as ApiPage } from '../shared/api-client';
import { AtTimeField, ReasonList, RuleBadge, type Reason } from './permissions';
import { InputField, SelectField } from '../shared/field';
import { searchInputProps } from '../shared/filters';
import { EmptyState, ErrorState, LoadingState, Notice } from '../shared/states';
import { SimpleTable } from '../shared/data-table';
import { Section } from '../shared/section';
import { useTranslator } from '../shared/i18n';
import { Link } from '../shared/router';
import { useSession } from '../accounts';
import { fromLocalInputValue } from '../shared/time';
import { useLoader, useResource } from '../shared/use-api';
import type { CustomerRow } from '../registry';

type LockList = Static<typeof LockListSchema>;
type ListedLock = LockList['locks'][number];

interface Explanation {
  isAllowed: boolean;
  staffMemberId: string;
  lockId: string;
  at: string;
  reasons: Reason[];
}

interface LockOption {
  lockId: string;
  text: string;
}

/** One group of locks in the explain picker; an empty group is left out. */
function LockOptionGroup({ label, options }: { label: string; options: LockOption[] }) {
  if (options.length === 0) return null;
  return (
    <optgroup label={label}>
      {options.map((option) => (
        <option key={option.lockId} value={option.lockId}>
          {option.text}
        </option>
      ))}
    </optgroup>
  );
}

interface AccessPath {
  doors: Array<{ doorId: string; label: string; lockId: string | null; lockSerial: string | null }>;
}

type LockRow = Static<typeof LockRowSchema>;

/**
 * The list by street address, then door: many doors are called "Port A", and a work lead (who may
 * not read properties) tells them apart only by the address the lock list carries.
 */
function sortByPlace(locks: ListedLock[]): ListedLock[] {
  const compare = new Intl.Collator('sv', { numeric: true }).compare;
  return [...locks].sort(
    (a, b) => compare(a.address ?? '', b.address ?? '') || compare(a.doorLabel, b.doorLabel),
  );
}

/** "Port A, Storgatan 1": a door's label with its address, for a picker's option. */
function namePlace(lock: ListedLock): string {
  return [lock.doorLabel || lock.lockId, lock.address].filter(Boolean).join(', ');
}

function useLockList(staffMemberId: string) {
  return useResource<LockList>(`/staff/${encodeURIComponent(staffMemberId)}/lock-list`);
}

const firstLocks = 50;

export function LockListSection({ lockList }: { lockList: ReturnType<typeof useLockList> }) {
  const { t, label, formatDateTime } = useTranslator();
  // Alarm patrols reach a thousand locks; the first fifty, then all on request.
  const [isShowingAll, setIsShowingAll] = useState(false);
  const data = lockList.data;
  const locks = useMemo(() => sortByPlace(data?.locks ?? []), [data]);
  const status = data
    ? data.staffStatus === 'active'
      ? t('staff.status.active')
      : label('permissionRule', data.staffStatus)
    : '';
  return (
    <Section title={t('staff.lockList')} intro={t('staff.lockListIntro')} section="lock-list">
      {lockList.isLoading && <LoadingState />}
      {lockList.error && <ErrorState error={lockList.error} onRetry={lockList.reload} />}
      {data && (
        <p>
          {t('staff.lockListStatus', { status })} · {t('staff.lockListCount', { count: data.locks.length })} ·{' '}
          {t('staff.lockListValidUntil', { until: formatDateTime(data.validUntil) })}
        </p>
      )}
      {data && data.locks.length === 0 && <EmptyState>{t('staff.lockListEmpty')}</EmptyState>}
      {data && data.locks.length > 0 && (
        <SimpleTable
          caption={t('staff.lockList')}
          headers={[
            t('staff.lockListAddress'),
            t('common.door'),
            t('staff.lockListRules'),
            t('staff.lockListWhen'),
          ]}
        >
          {(isShowingAll ? locks : locks.slice(0, firstLocks)).map((lock) => (
            <tr key={lock.lockId}>
              <td>{lock.address ?? t('common.none')}</td>
              <td>{lock.doorLabel || lock.lockId}</td>
              <td>
                <span className="badge-row">
                  {lock.rules.map((rule) => (
                    <RuleBadge key={rule} rule={rule} />
                  ))}
                </span>
              </td>
              <td>
                {lock.isAlways ? (
                  t('staff.lockListAlways')
                ) : (
                  <ul className="interval-list">
                    {lock.intervals.map((interval) => (
                      <li key={interval.from}>
                        {formatDateTime(interval.from)} – {formatDateTime(interval.until)}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </SimpleTable>
      )}
      {data && data.locks.length > firstLocks && (
        <p>
          <ShowAllButton
            isShowingAll={isShowingAll}
            count={data.locks.length}
            onToggle={() => setIsShowingAll((value) => !value)}
          />
        </p>
      )}
    </Section>
  );
}

/** Locks matching a search: by serial (roles that see locks) and by customer (their way in). */
async function searchLocks(
  text: string,
  canReadLocks: boolean,
  canReadPaths: boolean,
  signal: AbortSignal,
): Promise<LockOption[]> {
  const options: LockOption[] = [];
  if (canReadLocks) {
    const locks = await getApi<ApiPage<LockRow>>(
      withQuery('/locks', { q: text, status: 'installed', limit: 20 }),
      signal,
    );
    for (const lock of locks.items) {
      const door = lock.doorId
        ? await getEntityCached<{ label: string; propertyId: string }>('doors', lock.doorId).catch(
            () => undefined,
          )
        : undefined;
      const property = door
        ? await getEntityCached<{ streetAddress: string }>('properties', door.propertyId).catch(
            () => undefined,
          )
        : undefined;
      const place = [door?.label, property?.streetAddress].filter(Boolean).join(', ');
      options.push({ lockId: lock.id, text: place ? `${place} (${lock.serial})` : lock.serial });
    }
  }
  if (canReadPaths) {
    const customers = await getApi<ApiPage<CustomerRow>>(
      withQuery('/customers', { q: text, limit: 5 }),
      signal,
    );
    for (const customer of customers.items) {
      const path = await getApi<AccessPath>(`/customers/${customer.id}/access-path`, signal);
      for (const door of path.doors) {
        if (!door.lockId || options.some((option) => option.lockId === door.lockId)) continue;
        options.push({
          lockId: door.lockId,
          text: `${customer.givenName} ${customer.familyName}: ${door.label}${door.lockSerial ? ` (${door.lockSerial})` : ''}`,
        });
      }
    }
  }
  return options;
}

export function ExplainSection({
  staffMemberId,
  lockList,
}: {
  staffMemberId: string;
  lockList: LockList | undefined;
}) {
  const { t, formatDateTime } = useTranslator();
  const session = useSession();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const [lockId, setLockId] = useState('');
  const [atDraft, setAtDraft] = useState('');
  const [asked, setAsked] = useState<{ lockId: string; at: string | undefined } | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const canReadLocks = session.can('lock_device');
  const canReadPaths = session.can('customer') && session.can('access_path');
  const found = useLoader(query, (signal) => searchLocks(query ?? '', canReadLocks, canReadPaths, signal));
  const fromList: LockOption[] = sortByPlace(lockList?.locks ?? []).map((lock) => ({
    lockId: lock.lockId,
    text: namePlace(lock),
  }));
  const fromSearch = (found.data ?? []).filter(
    (option) => !fromList.some((known) => known.lockId === option.lockId),
  );
  const all = [...fromList, ...(found.data ?? [])];
  const answer = useResource<Explanation>(
    asked ? withQuery('/permissions/explain', { staffMemberId, lockId: asked.lockId, at: asked.at }) : null,
  );

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    setQuery(search.trim() || null);
  };
  const explain = (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    if (!lockId) return setProblem(t('staff.explainLockMissing'));
    setAsked({ lockId, at: fromLocalInputValue(atDraft)?.toISOString() });
  };
  const askedLabel = asked
    ? (all.find((option) => option.lockId === asked.lockId)?.text ?? asked.lockId)
    : '';

  return (
    <Section title={t('staff.explain')} intro={t('staff.explainIntro')} section="explain">
      {(canReadLocks || canReadPaths) && (
        <form className="form form-inline" role="search" onSubmit={submitSearch}>
          <InputField
            label={t('staff.explainSearch')}
            {...searchInputProps}
            value={search}
            onValue={setSearch}
          />
          <button type="submit" className="button button-secondary">
            {t('staff.explainSearchButton')}
          </button>
        </form>
      )}
      {found.isLoading && query !== null && <LoadingState />}
      {found.error && <ErrorState error={found.error} onRetry={found.reload} />}
      {query !== null && found.data && found.data.length === 0 && (
        <EmptyState>{t('staff.explainNoMatches')}</EmptyState>
      )}
      <form className="form" onSubmit={explain} noValidate>
        {problem && <Notice tone="error">{problem}</Notice>}
        <SelectField
          label={t('staff.explainLock')}
          value={lockId}
          aria-invalid={problem !== undefined}
          onValue={setLockId}
        >
          <option value="">{t('staff.explainChooseLock')}</option>
          <LockOptionGroup label={t('staff.explainFromSearch')} options={fromSearch} />
          <LockOptionGroup label={t('staff.explainFromList')} options={fromList} />
        </SelectField>
        <AtTimeField value={atDraft} onChange={setAtDraft} />
        <div>
          <button type="submit" className="button button-primary">
            {t('staff.explainSubmit')}
          </button>
        </div>
      </form>
      {answer.isLoading && asked && <LoadingState />}
      {answer.error && <ErrorState error={answer.error} onRetry={answer.reload} />}
      {answer.data && !answer.isLoading && (
        <div
          className={`explain-answer ${answer.data.isAllowed ? 'explain-allowed' : 'explain-denied'}`}
          role="status"
          data-allowed={answer.data.isAllowed}
        >
          <h3>{t('staff.explainResult', { lock: askedLabel, at: formatDateTime(answer.data.at) })}</h3>
          <p className="explain-verdict">
            <span aria-hidden="true">{answer.data.isAllowed ? '✔ ' : '✖ '}</span>
            {answer.data.isAllowed ? t('common.allowed') : t('common.denied')}
          </p>
          <ReasonList reasons={answer.data.reasons} />
          {canReadLocks && (
            <p>
              <Link to={`/locks/${answer.data.lockId}`}>{t('common.lock')}</Link>
            </p>
          )}
        </div>
      )}
    </Section>
  );
}

export { useLockList };
