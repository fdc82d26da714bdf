import { AuditLink } from '../components/audit-link';
import { DetailError } from '../components/detail-error';
import { EntityLink } from '../components/entity-link';
import { Page } from '../components/page';
import { FactList, LoadingState, PendingFeature } from '../components/states';
import { useTranslator } from '../i18n';
import { useEntity, useResource } from '../use-api';
import { BatteryLevel, type LockRow } from './locks.page';

interface DoorRow {
  id: string;
  label: string;
  kind: string;
  propertyId: string;
  floor: number | null;
}
interface PropertyRow {
  id: string;
  designation: string;
  streetAddress: string;
  postalCode: string | null;
  city: string | null;
  districtId: string;
}

function DoorFacts({ doorId }: { doorId: string }) {
  const { t, label } = useTranslator();
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
        [t('common.district'), <EntityLink key="district" apiPath="districts" id={property?.districtId} />],
      ]}
    />
  );
}

export function LockDetailPage({ id }: { id: string }) {
  const { t, label, formatDateTime } = useTranslator();
  const lock = useResource<LockRow>(`/locks/${encodeURIComponent(id)}`);
  if (lock.isLoading && !lock.data) return <LoadingState />;
  if (lock.error) return <DetailError error={lock.error} title={t('locks.title')} onRetry={lock.reload} />;
  const row = lock.data!;
  return (
    <Page title={`${t('customers.lock')} ${row.serial}`} backTo="/locks">
      <div className="two-columns">
        <section className="card" aria-label={t('locks.title')}>
          <FactList
            facts={[
              [t('common.serial'), row.serial],
              [t('locks.lockType'), label('lockType', row.lockType)],
              [t('common.status'), label('lockStatus', row.status)],
              [t('locks.battery'), <BatteryLevel key="battery" level={row.batteryLevel} />],
              [t('locks.firmware'), row.firmware ?? t('common.none')],
              [t('locks.installedAt'), formatDateTime(row.installedAt)],
              [t('common.updated'), formatDateTime(row.updatedAt)],
            ]}
          />
          <AuditLink entity="lock_device" id={row.id} />
        </section>
        <section className="card" aria-label={t('locks.door')}>
          {row.doorId ? <DoorFacts doorId={row.doorId} /> : <p className="muted">{t('locks.noDoor')}</p>}
        </section>
      </div>
      <PendingFeature title={t('locks.batteryHistory')} feature="eventLog">
        {t('locks.batteryHistoryPending')}
      </PendingFeature>
      <PendingFeature title={t('locks.blockListVersion')} feature="activation">
        {t('locks.blockListVersionPending')}
      </PendingFeature>
      <PendingFeature title={t('locks.events')} feature="eventLog">
        {t('locks.eventsPending')}
      </PendingFeature>
    </Page>
  );
}
