// "Reservnycklar": a work lead's list of the physical keys their provider holds (the municipality,
// support and auditors see every provider's), with where each is kept and a link to the customer.
// The status filter (held unless chosen) lives in the address (?status=).
import { backupKeyStatuses, type BackupKeyList } from '@portvakt/contract';
import { withQuery } from '../shared/api-client';
import { FilterBar } from '../shared/filter-bar';
import { SelectFilter } from '../shared/filters';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { Page } from '../shared/page';
import { Link } from '../shared/router';
import { useAddressFilters } from '../shared/use-address-filters';
import { RowTable } from '../shared/row-table';
import { ResourceStates } from '../shared/states';
import { useResource } from '../shared/use-api';
import { keyHoldingColumns } from './key-place';

export function BackupKeysPage() {
  const translator = useTranslator();
  const { t, formatDate } = translator;
  const [{ status }, setFilters] = useAddressFilters({ status: 'held' }, { status: backupKeyStatuses });
  const keys = useResource<BackupKeyList>(withQuery('/backup-keys', { status: status || undefined }));
  const items = keys.data?.items ?? [];
  return (
    <Page title={t('backupKeys.title')} intro={t('backupKeys.intro')}>
      <FilterBar>
        <SelectFilter
          label={t('backupKeys.filterStatus')}
          value={status}
          options={backupKeyStatuses.map((value) => ({
            value,
            label: t(`backupKeys.status.${value}` as MessageKey),
          }))}
          onChange={(value) => setFilters({ status: value })}
        />
      </FilterBar>
      <ResourceStates resource={keys} isEmpty={items.length === 0} emptyText={t('backupKeys.empty')}>
        <section className="card">
          <RowTable
            caption={t('backupKeys.title')}
            rows={items}
            rowData={(key) => ({ 'data-backup-key': key.customerName })}
            columns={[
              {
                header: t('backupKeys.customer'),
                render: (key) => <Link to={`/customers/${key.customerId}`}>{key.customerName}</Link>,
              },
              { header: t('backupKeys.door'), render: (key) => key.doorLabel },
              ...keyHoldingColumns(translator),
              {
                header: t('backupKeys.status'),
                render: (key) =>
                  key.status === 'held'
                    ? t('backupKeys.status.held')
                    : t('backupKeys.returnedOnTo', {
                        date: formatDate(key.returnedOn),
                        name: key.returnedTo ?? '',
                      }),
              },
            ]}
          />
        </section>
      </ResourceStates>
    </Page>
  );
}
