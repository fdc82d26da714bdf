import type { Static } from 'typebox';
import type { DoorRow, PropertyRow as PropertyRowSchema } from '@portvakt/contract';
import { useState, type ReactNode } from 'react';
import { AuditLink } from '../audit';
import { BatteryForecastSection } from '../batteries';
import { type BlockList, DismountLockButton } from '../devices';
import { EntityLink } from '../shared/entity-link';
import { Page } from '../shared/page';
import { useDetailRecord } from '../shared/use-detail-record';
import { BatteryHistorySection, RecentEventsSection, useCanReadEvents } from '../events';
import { ErrorState, FactList, LoadingState, Notice } from '../shared/states';
import { Section } from '../shared/section';
import { useTranslator } from '../shared/i18n';
import { Link } from '../shared/router';
import { useSession } from '../accounts';
import { useEntity, useResource } from '../shared/use-api';
import { LockUsageBadge, NewWorkOrderButton } from '../work-orders';
import { BatteryLevel, type LockRow } from './locks.page';

type PropertyRow = Static<typeof PropertyRowSchema>;

function DoorFacts({ doorId }: { doorId: string }) {
  const { t, label } = useTranslator();
  const canReadDistricts = useSession().can('district');
  const { entity: door } = useEntity<DoorRow>('doors', doorId);
  const { entity: property } = useEntity<PropertyRow>('properties', door?.propertyId);
  if (!door) return <LoadingState />;
  const address = property
    ? [property.streetAddress, [property.postalCode, property.city].filter(Boolean).join(' ')]
        .filter(Boolean)
        .join(', ')
    : t('common.none');
  return (
    <FactList
      facts={[
        [t('locks.door'), `${door.label} (${label('doorKind', door.kind)})`],
        [t('locks.property'), property?.designation ?? t('common.none')],
        [t('locks.address'), address],
        // Property owners do not read districts: no row rather than a district that looks missing.
        ...(canReadDistricts
          ? [
              [
                t('common.district'),
                <EntityLink key="district" apiPath="districts" id={property?.districtId} />,
              ] satisfies [string, ReactNode],
            ]
          : []),
      ]}
    />
  );
}

export function LockDetailPage({ id }: { id: string }) {
  const { t, label, formatDateTime } = useTranslator();
  const { row, pending, reload } = useDetailRecord<LockRow>('locks', id);
  const canReadEvents = useCanReadEvents('lock');
  // An owner's `serial` is the lock's owner reference (docs/api.md "Property owners"), named as in their list.
  const isOwner = useSession().me.role === 'property_owner';
  const [notice, setNotice] = useState<string | undefined>();
  if (!row) return pending;
  return (
    <Page
      title={`${t('customers.lock')} ${row.serial}`}
      backTo="/locks"
      actions={
        <>
          {row.doorId && <LockWorkOrderButton lock={row} doorId={row.doorId} />}
          <DismountLockButton
            lock={row}
            onDismounted={() => {
              setNotice(t('locks.dismounted'));
              reload();
            }}
          />
        </>
      }
    >
      {notice && <Notice>{notice}</Notice>}
      <div className="two-columns">
        <section className="card" aria-label={t('locks.title')}>
          <FactList
            facts={[
              [isOwner ? t('locks.ownerSearchPlaceholder') : t('common.serial'), row.serial],
              [t('locks.lockType'), label('lockType', row.lockType)],
              [t('common.status'), label('lockStatus', row.status)],
              [t('locks.battery'), <BatteryLevel key="battery" level={row.batteryLevel} />],
              [t('locks.firmware'), row.firmware ?? t('common.none')],
              [t('locks.installedAt'), formatDateTime(row.installedAt)],
              [t('common.updated'), formatDateTime(row.updatedAt)],
            ]}
          />
          <LockUsageBadge lockId={row.id} isInstalled={row.status === 'installed'} />
          <AuditLink entity="lock_device" id={row.id} />
        </section>
        <section className="card" aria-label={t('locks.door')}>
          {row.doorId ? <DoorFacts doorId={row.doorId} /> : <p className="muted">{t('locks.noDoor')}</p>}
        </section>
      </div>
      <BatteryForecastSection lockId={row.id} />
      {canReadEvents && <BatteryHistorySection lockId={row.id} />}
      <LockBlockListVersion lockId={row.id} isInstalled={row.status === 'installed'} />
      {canReadEvents && <RecentEventsSection subject="lock" id={row.id} />}
    </Page>
  );
}

/** An order on the lock's door (a repair, a battery, …), named by the door and its address. */
function LockWorkOrderButton({ lock, doorId }: { lock: LockRow; doorId: string }) {
  const { entity: door } = useEntity<DoorRow>('doors', doorId);
  if (!door) return null;
  const text = [door.label, lock.streetAddress].filter(Boolean).join(', ');
  return <NewWorkOrderButton door={{ doorId, text, lockDeviceId: lock.id }} />;
}

/** Which block-list version the lock has reported, for roles that may read the block list. */
function LockBlockListVersion({ lockId, isInstalled }: { lockId: string; isInstalled: boolean }) {
  const { t, formatDateTime } = useTranslator();
  const session = useSession();
  const canRead = session.can('block_list') && isInstalled;
  const list = useResource<BlockList>(canRead ? '/block-list' : null);
  if (!canRead) return null;
  const lock = list.data?.locks.find((candidate) => candidate.lockId === lockId);
  return (
    <Section title={t('locks.blockListVersion')}>
      {list.isLoading && <LoadingState />}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && (
        <p>
          {lock?.reportedVersion != null
            ? t('locks.blockListReported', {
                version: lock.reportedVersion,
                at: formatDateTime(lock.reportedAt),
              })
            : t('blockList.neverReported')}{' '}
          {lock?.isBehind ? (
            <span className="tag tag-lost">{t('locks.blockListBehind', { version: list.data.version })}</span>
          ) : (
            <span className="tag tag-active">{t('locks.blockListCurrent')}</span>
          )}
        </p>
      )}
      <p>
        <Link to="/block-list">{t('keys.seeBlockList')}</Link>
      </p>
    </Section>
  );
}
