// A blocked or lost key is on the block list; how far has that reached? For the roles that read
// the block list and for work leads about their own provider's keys: how many of the locks that
// matter for the key (those on the ways in of the provider's customers) have confirmed a version
// containing it, and which lag — doors by name and address, locks by serial only for roles that
// read locks. One request (GET /keys/:id/block-list-status).
import type { ReactNode } from 'react';
import type { KeyBlockListStatus as KeyBlockListStatusSchema } from '@portvakt/contract';
import { policy } from '@portvakt/core';
import type { Static } from 'typebox';
import { useTranslator } from '../shared/i18n';
import { Link } from '../shared/router';
import { useSession } from '../accounts';
import { useResource } from '../shared/use-api';
import { DataTable, type Column } from '../shared/data-table';
import { ErrorState, LoadingState } from '../shared/states';
import { sayLaggingLocks } from './block-list-texts';

export type KeyBlockListStatusBody = Static<typeof KeyBlockListStatusSchema>;
type LaggingLock = KeyBlockListStatusBody['lagging'][number];

export function KeyBlockListStatus({ keyId }: { keyId: string }) {
  const translator = useTranslator();
  const { t, label, formatDateTime } = translator;
  const session = useSession();
  const role = session.me.role;
  const canRead = session.can('block_list') || policy.digital_key[role]?.update !== undefined;
  const status = useResource<KeyBlockListStatusBody>(
    canRead ? `/keys/${encodeURIComponent(keyId)}/block-list-status` : null,
  );
  const data = status.data;
  // The answer lists at most 200 of them; the count is of all.
  const lagging =
    data && data.lagging.length > 0
      ? sayLaggingLocks(translator, data.relevantLocks - data.confirmed, data.lagging.length)
      : undefined;
  const columns: Array<Column<LaggingLock & { id: string }>> = [
    {
      key: 'door',
      header: t('events.door'),
      render: (row) => `${row.doorLabel} (${label('doorKind', row.doorKind)})`,
    },
    { key: 'address', header: t('locks.address'), render: (row) => row.streetAddress },
    {
      key: 'lock',
      header: t('events.lock'),
      render: (row): ReactNode =>
        row.serial && row.lockId ? (
          <Link to={`/locks/${row.lockId}`}>{row.serial}</Link>
        ) : row.lockNumber !== null ? (
          t('events.lockNumber', { number: row.lockNumber })
        ) : (
          t('common.none')
        ),
    },
    {
      key: 'reported',
      header: t('blockList.reportedVersion'),
      render: (row) =>
        row.reportedVersion === null
          ? t('blockList.neverReported')
          : `${row.reportedVersion} (${formatDateTime(row.reportedAt)})`,
    },
  ];
  return (
    <section className="card block-list-status" aria-labelledby="block-list-status-heading">
      <h2 id="block-list-status-heading">
        <span className="tag tag-blocked">{t('keys.onBlockList')}</span>
      </h2>
      <p>{t('keys.onBlockListText')}</p>
      {canRead && status.isLoading && !data && <LoadingState />}
      {status.error && <ErrorState error={status.error} onRetry={status.reload} />}
      {data && !data.isOnBlockList && <p className="muted">{t('keys.notOnBlockListYet')}</p>}
      {data?.isOnBlockList && (
        <>
          <p>
            {t('keys.onBlockListVersion', {
              version: data.addedInVersion ?? '',
              at: formatDateTime(data.blockedAt),
            })}
          </p>
          <p className="key-reach-summary">
            <strong>
              {t('keys.reachSummary', { confirmed: data.confirmed, total: data.relevantLocks })}
            </strong>{' '}
            <span className="muted">{t('keys.reachIntro')}</span>
          </p>
          {lagging ? (
            <>
              <DataTable
                caption={lagging.caption}
                columns={columns}
                rows={data.lagging.map((row, index) => ({ ...row, id: row.lockId ?? `lock-${index}` }))}
                isLoading={false}
                emptyText={t('keys.blockListAllCurrent')}
              />
              {lagging.note && <p className="hint">{lagging.note}</p>}
            </>
          ) : (
            <p>
              <span className="tag tag-active">{t('keys.reachAllConfirmed')}</span>
            </p>
          )}
        </>
      )}
      {session.can('block_list') && (
        <p>
          <Link to="/block-list">{t('keys.seeBlockList')}</Link>
        </p>
      )}
    </section>
  );
}
