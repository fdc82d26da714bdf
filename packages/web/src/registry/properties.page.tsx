// "Fastigheter": the buildings with their doors. Admins and lock managers register a property and
// its doors here; a property owner sees their own, and of the doors only the shared ones.
import type { DoorRow, PropertyRow } from '@portvakt/contract';
import type { Page as ApiPage } from '../shared/api-client';
import { AuditLink } from '../audit';
import { type Column } from '../shared/data-table';
import { EntityLink } from '../shared/entity-link';
import { useTranslator } from '../shared/i18n';
import { createNameColumn, createReferenceColumn, createSortableColumn } from '../shared/list-columns';
import { createOptionalColumn } from '../shared/optional-column';
import { ListPage } from '../shared/list-page';
import { Page } from '../shared/page';
import { ResourceTableSection } from '../shared/table-section';
import { FactList } from '../shared/states';
import { useResource } from '../shared/use-api';
import { useDetailRecord } from '../shared/use-detail-record';
import { CreateDoorButton, CreatePropertyButton, EditDoorButton, EditPropertyButton } from './property-form';

export function PropertiesPage() {
  const { t } = useTranslator();
  const columns: Array<Column<PropertyRow>> = [
    createNameColumn('designation', t('properties.designation'), '/properties'),
    createSortableColumn('streetAddress', t('customers.address')),
    createOptionalColumn('city', t('properties.city'), t('common.none')),
    createReferenceColumn('district', t('common.district'), 'districts', (row) => row.districtId),
  ];
  return (
    <ListPage
      name="properties"
      searchPlaceholder={t('properties.searchPlaceholder')}
      columns={columns}
      actions={<CreatePropertyButton />}
    />
  );
}

function DoorsSection({ propertyId }: { propertyId: string }) {
  const { t, label } = useTranslator();
  const doors = useResource<ApiPage<DoorRow>>(
    `/doors?propertyId=${encodeURIComponent(propertyId)}&sort=label&limit=500`,
  );
  return (
    <ResourceTableSection
      title={t('properties.doors')}
      intro={t('properties.doorsIntro')}
      resource={doors}
      emptyText={t('properties.doorsEmpty')}
      columns={[
        { header: t('customers.door'), render: (door) => door.label },
        { header: t('customers.doorKind'), render: (door) => label('doorKind', door.kind) },
        {
          header: t('properties.floor'),
          render: (door) => (door.floor === null ? t('common.none') : String(door.floor)),
        },
        {
          header: t('properties.openingMethod'),
          render: (door) =>
            door.openingMethod ? label('openingMethod', door.openingMethod) : t('common.none'),
        },
        { header: '', render: (door) => <EditDoorButton row={door} onSaved={doors.reload} /> },
      ]}
      buttons={<CreateDoorButton propertyId={propertyId} onSaved={doors.reload} />}
    />
  );
}

export function PropertyDetailPage({ id }: { id: string }) {
  const { t } = useTranslator();
  const { row, pending, reload } = useDetailRecord<PropertyRow>('properties', id);
  if (!row) return pending;
  return (
    <Page
      title={`${row.designation}, ${row.streetAddress}`}
      backTo="/properties"
      actions={<EditPropertyButton row={row} onSaved={reload} />}
    >
      <section className="card" aria-label={t('properties.title')}>
        <FactList
          facts={[
            [t('properties.designation'), row.designation],
            [
              t('customers.address'),
              [row.streetAddress, row.postalCode, row.city].filter(Boolean).join(', '),
            ],
            [t('common.district'), <EntityLink key="district" apiPath="districts" id={row.districtId} />],
            [
              t('properties.owner'),
              row.ownerId ? (
                <EntityLink
                  key="owner"
                  apiPath="property-owners"
                  pagePath="/property-owners"
                  id={row.ownerId}
                />
              ) : (
                t('common.none')
              ),
            ],
          ]}
        />
        <AuditLink entity="property" id={row.id} />
      </section>
      <DoorsSection propertyId={row.id} />
    </Page>
  );
}
