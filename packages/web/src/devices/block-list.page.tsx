// The block list: keys the locks must refuse, and the exposure after a block, i.e. the installed
// locks that have not yet reported holding the current version.
import { countBlockListLag } from '@portvakt/core';
import { useState } from 'react';
import { ShowAllButton } from '../components';
import { EntityLink } from '../shared/entity-link';
import { Page } from '../shared/page';
import { EmptyState, ErrorState, FactList, LoadingState } from '../shared/states';
import { Section } from '../shared/section';
import { useTranslator } from '../shared/i18n';
import { Link } from '../shared/router';
import { RowTable } from '../shared/row-table';
import { useSession } from '../accounts';
import { useResource } from '../shared/use-api';
import { sayKeyReason } from './key-reason';
import { sayBlockListExposure } from './block-list-texts';

export interface BlockList {
  version: number;
  entries: Array<{ digitalKeyId: string; addedInVersion: number; reason: string; blockedAt: string }>;
  locks: Array<{
    lockId: string;
    serial: string;
    reportedVersion: number | null;
    reportedAt: string | null;
    isBehind: boolean;
  }>;
}

const firstLocks = 25;
const maxLocks = 1000;

export function BlockListPage() {
  const translator = useTranslator();
  const { t, formatDateTime, formatNumber } = translator;
  const session = useSession();
  const list = useResource<BlockList>('/block-list');
  const [isShowingAll, setIsShowingAll] = useState(false);
  const data = list.data;
  const behind = (data?.locks ?? []).filter((lock) => lock.isBehind);
  // The same rule as "Idag live": an older version lags; never reported is counted apart.
  const lag = countBlockListLag(
    (data?.locks ?? []).map((lock) => lock.reportedVersion),
    data?.version ?? 0,
  );
  const entries = [...(data?.entries ?? [])].sort((a, b) => b.addedInVersion - a.addedInVersion);
  const canOpenKeys = session.can('digital_key');
  const canOpenLocks = session.can('lock_device');
  return (
    <Page title={t('blockList.title')} intro={t('blockList.intro')}>
      {list.isLoading && !data && <LoadingState />}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {data && (
        <>
          <section className="card" aria-label={t('blockList.version')}>
            <FactList
              facts={[
                [t('blockList.version'), <strong key="version">{data.version}</strong>],
                [t('blockList.entries'), formatNumber(data.entries.length)],
                [t('blockList.locksCount'), formatNumber(data.locks.length)],
                [t('blockList.behindCount'), formatNumber(lag.behind)],
                [t('blockList.notReportedCount'), formatNumber(lag.notReported)],
              ]}
            />
          </section>
          <Section title={t('blockList.entries')}>
            <RowTable
              emptyText={t('blockList.entriesEmpty')}
              caption={t('blockList.entries')}
              rows={entries}
              rowKey={(entry) => entry.digitalKeyId}
              rowData={(entry) => ({ 'data-key-id': entry.digitalKeyId })}
              columns={[
                {
                  header: t('blockList.key'),
                  render: (entry) => (
                    <EntityLink
                      apiPath="keys"
                      {...(canOpenKeys ? { pagePath: '/keys' } : {})}
                      id={entry.digitalKeyId}
                    />
                  ),
                },
                { header: t('common.reason'), render: (entry) => sayKeyReason(translator, entry.reason) },
                { header: t('blockList.blockedAt'), render: (entry) => formatDateTime(entry.blockedAt) },
                {
                  header: { text: t('blockList.addedInVersion'), isNumeric: true },
                  render: (entry) => entry.addedInVersion,
                },
              ]}
            />
          </Section>
          <Section
            title={t('blockList.exposure')}
            intro={t('blockList.exposureIntro', { version: data.version })}
          >
            {behind.length === 0 ? (
              <EmptyState>{t('blockList.exposureEmpty')}</EmptyState>
            ) : (
              <>
                <p>
                  <strong>{sayBlockListExposure(translator, data.locks, data.version)}</strong>
                </p>

                <RowTable
                  caption={t('blockList.exposure')}
                  rows={behind.slice(0, isShowingAll ? maxLocks : firstLocks)}
                  rowKey={(lock) => lock.lockId}
                  columns={[
                    {
                      header: t('common.serial'),
                      render: (lock) =>
                        canOpenLocks ? <Link to={`/locks/${lock.lockId}`}>{lock.serial}</Link> : lock.serial,
                    },
                    {
                      header: { text: t('blockList.reportedVersion'), isNumeric: true },
                      render: (lock) =>
                        lock.reportedVersion ?? <span className="muted">{t('blockList.neverReported')}</span>,
                    },
                    {
                      header: t('blockList.reportedAt'),
                      render: (lock) =>
                        lock.reportedAt ? formatDateTime(lock.reportedAt) : t('common.none'),
                    },
                  ]}
                />
                {behind.length > firstLocks && (
                  <p>
                    <span className="hint">
                      {t('blockList.showingFirst', {
                        count: Math.min(behind.length, isShowingAll ? maxLocks : firstLocks),
                      })}
                    </span>{' '}
                    <ShowAllButton
                      isShowingAll={isShowingAll}
                      count={formatNumber(Math.min(behind.length, maxLocks))}
                      onToggle={() => setIsShowingAll((value) => !value)}
                    />
                  </p>
                )}
              </>
            )}
          </Section>
        </>
      )}
    </Page>
  );
}
