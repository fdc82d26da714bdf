// "Reservnycklar": a work lead's list of the physical keys their provider holds (the municipality,
// support and auditors see every provider's), with where each is kept and a link to the customer.
import { backupKeyStatuses, type BackupKeyList } from '@portvakt/contract';
import { useState } from 'react';
import { withQuery } from '../shared/api-client';
import { SimpleTable } from '../shared/data-table';
import { SelectFilter } from '../shared/filters';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { Page } from '../shared/page';
import { Link } from '../shared/router';
import { ResourceStates } from '../shared/states';
import { useResource } from '../shared/use-api';
import { describeKeyPlace, keyHoldingHeaders } from './key-place';

export function BackupKeysPage() {
  const { t, formatDate, formatNumber } = useTranslator();
  const [status, setStatus] = useState('held');
  const keys = useResource<BackupKeyList>(withQuery('/backup-keys', { status: status || undefined }));
  const items = keys.data?.items ?? [];
  return (
    <Page title={t('backupKeys.title')} intro={t('backupKeys.intro')}>
      <div className="form-inline">
        <SelectFilter
          label={t('backupKeys.filterStatus')}
          value={status}
          options={backupKeyStatuses.map((value) => ({
            value,
            label: t(`backupKeys.status.${value}` as MessageKey),
          }))}
          onChange={setStatus}
        />
      </div>
      <ResourceStates resource={keys} isEmpty={items.length === 0} emptyText={t('backupKeys.empty')}>
        <section className="card">
          <SimpleTable
            caption={t('backupKeys.title')}
            headers={[t('backupKeys.customer'), t('backupKeys.door'), ...keyHoldingHeaders(t)]}
          >
            {items.map((key) => (
              <tr key={key.id} data-backup-key={key.customerName}>
                <td>
                  <Link to={`/customers/${key.customerId}`}>{key.customerName}</Link>
                </td>
                <td>{key.doorLabel}</td>
                <td>{key.providerName}</td>
                <td className="numeric">{formatNumber(key.copies)}</td>
                <td>{describeKeyPlace(key, t)}</td>
                <td>{formatDate(key.receivedOn)}</td>
                <td>
                  {key.status === 'held'
                    ? t('backupKeys.status.held')
                    : t('backupKeys.returnedOnTo', {
                        date: formatDate(key.returnedOn),
                        name: key.returnedTo ?? '',
                      })}
                </td>
              </tr>
            ))}
          </SimpleTable>
        </section>
      </ResourceStates>
    </Page>
  );
}
