import type { Static } from 'typebox';
import type { AccessPath as AccessPathSchema } from '@portvakt/contract';
import type { Page as ApiPage } from '../shared/api-client';
import { AuditLink } from '../audit';
import { isCurrentOn, localToday } from '../shared/dates';
import { EntityLink } from '../shared/entity-link';
import { Page } from '../shared/page';
import { useDetailRecord } from '../shared/use-detail-record';
import { useState } from 'react';
import {
  type CustomerSectionProps,
  type CustomerServiceRow,
  GrantsSection,
  PermissionHistory,
  TeamAssignmentsSection,
  WhoCanOpenSection,
} from '../access';
import { RecentEventsSection, useCanReadEvents } from '../events';
import { LockConsentSection } from '../work-orders';
import { BackupKeysSection } from '../backup-keys';
import { RelativesSection } from '../relatives';
import { CustomerNightAccessNotice } from '../rollout';
import { FactList, ResourceStates } from '../shared/states';
import { ResourceTableSection } from '../shared/table-section';
import { Section } from '../shared/section';
import { useTranslator } from '../shared/i18n';
import { Link } from '../shared/router';
import { useSession } from '../accounts';
import { useResource, type ResourceState } from '../shared/use-api';
import type { CustomerRow } from './customers.page';
import { AddServiceButton, EditCustomerButton, EndServiceButton } from './customer-form';
import { EditAccessPathButton } from './access-path-form';

type AccessPath = Static<typeof AccessPathSchema>;

function AccessPathSection({ customer, onSaved }: { customer: CustomerRow; onSaved: () => void }) {
  const customerId = customer.id;
  const { t, label } = useTranslator();
  const session = useSession();
  const path = useResource<AccessPath>(`/customers/${customerId}/access-path`);
  const canOpenLocks = session.can('lock_device');
  return (
    <Section title={t('customers.accessPath')} intro={t('customers.accessPathIntro')}>
      <ResourceStates
        resource={path}
        isEmpty={path.data?.doors.length === 0}
        emptyText={t('customers.accessPathEmpty')}
      />
      {path.data && path.data.doors.length > 0 && (
        <ol className="access-path">
          {path.data.doors.map((door) => (
            <li key={door.doorId}>
              <span className="access-path-door">{door.label}</span>
              <span className="tag">{label('doorKind', door.kind)}</span>
              <span className="access-path-lock">
                {t('customers.lock')}:{' '}
                {door.lockId && door.lockSerial ? (
                  canOpenLocks ? (
                    <Link to={`/locks/${door.lockId}`}>{door.lockSerial}</Link>
                  ) : (
                    door.lockSerial
                  )
                ) : (
                  <span className="muted">{t('customers.noLock')}</span>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
      <p className="button-row">
        <EditAccessPathButton
          customer={customer}
          chosenIds={path.data?.doors.map((door) => door.doorId) ?? []}
          onSaved={() => {
            path.reload();
            onSaved();
          }}
        />
      </p>
    </Section>
  );
}

function ServicesSection({
  customerId,
  services,
  onChanged,
}: {
  customerId: string;
  services: ResourceState<ApiPage<CustomerServiceRow>>;
  /** Told after a service is added or ended: who can open and the history follow. */
  onChanged: () => void;
}) {
  const { t, label, formatDate } = useTranslator();
  const saved = () => {
    services.reload();
    onChanged();
  };
  return (
    <ResourceTableSection
      title={t('customers.services')}
      resource={services}
      emptyText={t('customers.servicesEmpty')}
      columns={[
        { header: t('customers.service'), render: (service) => label('serviceKind', service.service) },
        {
          header: t('common.provider'),
          render: (service) => (
            <EntityLink
              apiPath="providers"
              id={service.providerId}
              hiddenText={t('common.unknownProvider')}
            />
          ),
        },
        { header: t('customers.startsOn'), render: (service) => formatDate(service.startsOn) },
        {
          header: t('customers.endsOn'),
          render: (service) => (service.endsOn ? formatDate(service.endsOn) : t('customers.ongoing')),
        },
        {
          header: '',
          // A service whose last day has passed keeps its end (the server refuses a change).
          render: (service) =>
            isCurrentOn(service.endsOn, localToday()) && (
              <EndServiceButton service={service} onSaved={saved} />
            ),
        },
      ]}
      buttons={<AddServiceButton customerId={customerId} onSaved={saved} />}
    />
  );
}

export function CustomerDetailPage({ id }: { id: string }) {
  const { t } = useTranslator();
  const session = useSession();
  const { row, pending, reload } = useDetailRecord<CustomerRow>('customers', id);
  const services = useResource<ApiPage<CustomerServiceRow>>(
    `/customer-services?customerId=${encodeURIComponent(id)}&limit=100`,
  );
  // Bumped by every grant, team, service or way-in change, so "who can open now", the locks on the
  // way in and the history follow at once.
  const [version, setVersion] = useState(0);
  const canReadEvents = useCanReadEvents('customer');
  const changed = () => setVersion((value) => value + 1);
  if (!row) return pending;
  const canCheck = session.can('permission_check');
  // The permission sections change the same customer, and each reloads after another's change.
  const sectionProps: CustomerSectionProps = {
    customerId: row.id,
    services: services.data?.items,
    version,
    onChanged: changed,
  };
  return (
    <Page
      title={`${row.givenName} ${row.familyName}`}
      backTo="/customers"
      actions={<EditCustomerButton row={row} onSaved={reload} />}
    >
      <CustomerNightAccessNotice customerId={row.id} />
      <section className="card" aria-label={t('customers.title')}>
        <FactList
          facts={[
            [t('customers.givenName'), row.givenName],
            [t('customers.familyName'), row.familyName],
            [t('common.district'), <EntityLink key="district" apiPath="districts" id={row.districtId} />],
            [t('customers.address'), row.residenceAddress ?? t('common.none')],
            [t('customers.apartment'), row.apartment ?? t('common.none')],
            [t('customers.identityNumberOnFile'), row.hasIdentityNumber ? t('common.yes') : t('common.no')],
            [t('customers.refusedLock'), row.hasRefusedLock ? t('common.yes') : t('common.no')],
            ...(row.refusedLockNote
              ? [[t('customers.refusedLockNote'), row.refusedLockNote] as [string, string]]
              : []),
            [
              t('customers.visitWindowMode'),
              row.visitWindowMode === null
                ? t('customers.visitWindowModeDefault')
                : row.visitWindowMode
                  ? t('common.yes')
                  : t('common.no'),
            ],
          ]}
        />
        <AuditLink entity="customer" id={row.id} />
      </section>
      <div className="two-columns">
        {session.can('access_path') && (
          <AccessPathSection
            customer={row}
            onSaved={() => {
              reload();
              changed();
            }}
          />
        )}
        <ServicesSection customerId={row.id} services={services} onChanged={changed} />
      </div>
      <LockConsentSection key={version} customerId={row.id} onChanged={reload} />
      {session.can('backup_key') && <BackupKeysSection customerId={row.id} />}
      <RelativesSection customerId={row.id} />
      {canCheck && <WhoCanOpenSection customerId={row.id} version={version} />}
      {session.can('access_grant') && <GrantsSection {...sectionProps} />}
      {session.can('team_customer') && <TeamAssignmentsSection {...sectionProps} />}
      {canCheck && <PermissionHistoryWithVersion customerId={row.id} version={version} />}
      {canReadEvents && <RecentEventsSection subject="customer" id={row.id} />}
    </Page>
  );
}

/** The history reloads after a change on the page by being mounted anew. */
function PermissionHistoryWithVersion({ customerId, version }: { customerId: string; version: number }) {
  return <PermissionHistory key={version} subject="customers" id={customerId} />;
}
