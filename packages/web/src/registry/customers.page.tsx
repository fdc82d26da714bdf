import type { Static } from 'typebox';
import type { CustomerRow as CustomerRowSchema } from '@portvakt/contract';
import { type Column } from '../shared/data-table';
import { SearchableList } from '../shared/searchable-list';
import { EntityLink } from '../shared/entity-link';
import { Page } from '../shared/page';
import { useTranslator } from '../shared/i18n';
import { Link } from '../shared/router';

export type CustomerRow = Static<typeof CustomerRowSchema>;

const identityNumberPattern = /^(\d{8})-?(\d{4})$/;

/** A full personnummer is looked up exactly (it is stored only as a keyed hash); anything else is a name search. */
export function toCustomerSearch(text: string): Record<string, string | undefined> {
  const match = identityNumberPattern.exec(text.replace(/\s/g, ''));
  if (match) return { identityNumber: `${match[1]}-${match[2]}` };
  return { q: text || undefined };
}

export function CustomersPage() {
  const { t } = useTranslator();
  const columns: Array<Column<CustomerRow>> = [
    {
      key: 'familyName',
      header: t('customers.familyName'),
      sortField: 'familyName',
      render: (row) => <Link to={`/customers/${row.id}`}>{row.familyName}</Link>,
    },
    {
      key: 'givenName',
      header: t('customers.givenName'),
      sortField: 'givenName',
      render: (row) => row.givenName,
    },
    {
      key: 'district',
      header: t('common.district'),
      render: (row) => <EntityLink apiPath="districts" id={row.districtId} />,
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
    <Page title={t('customers.title')} intro={t('customers.intro')}>
      <SearchableList
        path="/customers"
        defaultSort="familyName"
        caption={t('customers.caption')}
        searchPlaceholder={t('common.searchPlaceholder')}
        columns={columns}
        toQuery={toCustomerSearch}
      />
    </Page>
  );
}
