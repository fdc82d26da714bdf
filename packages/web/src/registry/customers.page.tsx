import type { Static } from 'typebox';
import type { CustomerRow as CustomerRowSchema } from '@portvakt/contract';
import { type Column } from '../shared/data-table';
import { createNameColumn, createReferenceColumn, createSortableColumn } from '../shared/list-columns';
import { ListPage } from '../shared/list-page';
import { useTranslator } from '../shared/i18n';
import { CreateCustomerButton } from './customer-form';

export type CustomerRow = Static<typeof CustomerRowSchema>;

const identityNumberPattern = /^(\d{8})-?(\d{4})$/;

/** A full personnummer is looked up exactly (it is stored only as a keyed hash); anything else searches names, the home's street address and apartment. */
export function toCustomerSearch(text: string): Record<string, string | undefined> {
  const match = identityNumberPattern.exec(text.replace(/\s/g, ''));
  if (match) return { identityNumber: `${match[1]}-${match[2]}` };
  return { q: text || undefined };
}

export function CustomersPage() {
  const { t } = useTranslator();
  const columns: Array<Column<CustomerRow>> = [
    createNameColumn('familyName', t('customers.familyName'), '/customers'),
    createSortableColumn('givenName', t('customers.givenName')),
    createReferenceColumn('district', t('common.district'), 'districts', (row) => row.districtId),
    {
      key: 'address',
      header: t('customers.address'),
      render: (row) => row.residenceAddress ?? t('common.none'),
    },
    {
      key: 'apartment',
      header: t('customers.apartment'),
      render: (row) => row.apartment ?? t('common.none'),
    },
    {
      key: 'refused',
      header: t('customers.refusedLock'),
      render: (row) => (row.hasRefusedLock ? t('common.yes') : t('common.no')),
    },
  ];

  return (
    <ListPage
      name="customers"
      searchPlaceholder={t('customers.searchPlaceholder')}
      columns={columns}
      toQuery={toCustomerSearch}
      actions={<CreateCustomerButton />}
    />
  );
}
