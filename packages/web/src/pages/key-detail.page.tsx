import { useState, type ReactNode } from 'react';
import { AuditLink } from '../components/audit-link';
import { BlockKeyButton, type KeyRow } from '../components/block-key-dialog';
import { DetailError } from '../components/detail-error';
import { EntityLink } from '../components/entity-link';
import { Page } from '../components/page';
import { PinResetButton } from '../components/pin-reset';
import { ErrorState, FactList, LoadingState, Notice } from '../components/states';
import { useTranslator } from '../i18n';
import { useSession } from '../session';
import { Link } from '../router';
import { useResource } from '../use-api';
import type { BlockList } from './block-list.page';
import { KeyStatus } from './keys.page';

export function KeyDetailPage({ id }: { id: string }) {
  const { t, label, formatDateTime } = useTranslator();
  const session = useSession();
  const key = useResource<KeyRow>(`/keys/${encodeURIComponent(id)}`);
  const [notice, setNotice] = useState<string | undefined>();
  if (key.isLoading && !key.data) return <LoadingState />;
  if (key.error) return <DetailError error={key.error} title={t('keys.title')} onRetry={key.reload} />;
  const row = key.data!;
  const canBlock = session.can('digital_key', 'update');
  return (
    <Page
      title={`${label('keyKind', row.kind)} ${row.serial}`}
      backTo="/keys"
      actions={
        canBlock && (
          <>
            <PinResetButton keyRow={row} />
            <BlockKeyButton
              keyRow={row}
              onBlocked={() => {
                setNotice(t('keys.blocked'));
                key.reload();
              }}
            />
          </>
        )
      }
    >
      {notice && <Notice>{notice}</Notice>}
      <section className="card" aria-label={t('keys.title')}>
        <FactList
          facts={[
            [t('common.serial'), row.serial],
            [t('common.kind'), label('keyKind', row.kind)],
            [t('common.status'), <KeyStatus key="status" status={row.status} />],
            [t('keys.statusReason'), row.statusReason ?? t('common.none')],
            [
              t('keys.holder'),
              row.holderStaffMemberId ? (
                <EntityLink
                  key="holder"
                  apiPath="staff"
                  {...(session.can('staff_member') ? { pagePath: '/staff' } : {})}
                  id={row.holderStaffMemberId}
                />
              ) : (
                t('keys.noHolder')
              ),
            ],
            [t('common.provider'), <EntityLink key="provider" apiPath="providers" id={row.providerId} />],
            [t('common.created'), formatDateTime(row.createdAt)],
            [t('common.updated'), formatDateTime(row.updatedAt)],
          ]}
        />
        <AuditLink entity="digital_key" id={row.id} />
      </section>
      <ActivationState keyId={row.id} isPhone={row.kind === 'phone'} />
      {(row.status === 'blocked' || row.status === 'lost') && <BlockListStatus keyId={row.id} />}
      {row.kind === 'phone' && canBlock && <p className="hint">{t('keys.pinResetPhone')}</p>}
    </Page>
  );
}

interface Activation {
  enrolledAt: string | null;
  hasPin: boolean;
  isPinLocked: boolean;
  lastActivationAt: string | null;
  ticketExpiresAt: string | null;
  isActivatedNow: boolean;
}

/** Whether the key works right now, and what stands in the way if not (enrolment, PIN). */
function ActivationState({ keyId, isPhone }: { keyId: string; isPhone: boolean }) {
  const { t, formatDateTime } = useTranslator();
  const state = useResource<Activation>(`/keys/${encodeURIComponent(keyId)}/activation`);
  if (state.isLoading && !state.data) return <LoadingState />;
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  const data = state.data;
  if (!data) return null;
  const facts: Array<[string, ReactNode]> = [
    [t('keys.activation'), data.isActivatedNow ? t('keys.activatedNow') : t('keys.notActivated')],
    [
      t('keys.lastActivation'),
      data.lastActivationAt ? formatDateTime(data.lastActivationAt) : t('keys.never'),
    ],
    [t('keys.ticketExpires'), data.ticketExpiresAt ? formatDateTime(data.ticketExpiresAt) : t('common.none')],
    [t('keys.enrolled'), data.enrolledAt ? formatDateTime(data.enrolledAt) : t('keys.notEnrolled')],
  ];
  if (!isPhone) {
    facts.push([
      t('keys.pin'),
      data.isPinLocked ? t('keys.pinLocked') : data.hasPin ? t('keys.pinSet') : t('keys.pinNotSet'),
    ]);
  }
  return (
    <section className="card" aria-labelledby="key-activation-heading">
      <h2 id="key-activation-heading">{t('keys.activation')}</h2>
      <FactList facts={facts} />
    </section>
  );
}

/** A blocked or lost key is on the block list; roles that may read the list see how far it has got. */
function BlockListStatus({ keyId }: { keyId: string }) {
  const { t, formatDateTime } = useTranslator();
  const session = useSession();
  const canReadList = session.can('block_list');
  const list = useResource<BlockList>(canReadList ? '/block-list' : null);
  const entry = list.data?.entries.find((candidate) => candidate.digitalKeyId === keyId);
  const behind = entry
    ? (list.data?.locks ?? []).filter((lock) => (lock.reportedVersion ?? 0) < entry.addedInVersion).length
    : 0;
  return (
    <section className="card block-list-status" aria-labelledby="block-list-status-heading">
      <h2 id="block-list-status-heading">
        <span className="tag tag-blocked">{t('keys.onBlockList')}</span>
      </h2>
      <p>{t('keys.onBlockListText')}</p>
      {canReadList && list.isLoading && <LoadingState />}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {entry && (
        <>
          <p>
            {t('keys.onBlockListVersion', {
              version: entry.addedInVersion,
              at: formatDateTime(entry.blockedAt),
            })}
          </p>
          <p>{behind > 0 ? t('keys.blockListBehind', { count: behind }) : t('keys.blockListAllCurrent')}</p>
        </>
      )}
      {list.data && !entry && <p className="muted">{t('keys.notOnBlockListYet')}</p>}
      {canReadList && (
        <p>
          <Link to="/block-list">{t('keys.seeBlockList')}</Link>
        </p>
      )}
    </section>
  );
}
