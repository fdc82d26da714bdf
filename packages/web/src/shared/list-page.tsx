// The registry's list pages (customers, staff, keys, …) are one screen with different columns:
// a search box, optional choice filters, a sortable, paged table.
import type { ReactNode } from 'react';
import { PagedTable, type Column } from './data-table';
import { FilterBar } from './filter-bar';
import { SearchBox, SelectFilter } from './filters';
import { useTranslator, type MessageKey } from './i18n';
import { Page } from './page';
import { useSearchParams } from './router';
import { usePagedList } from './use-api';

/** A choice list next to the search box; its value is the query parameter `param`. */
export interface ListFilter {
  param: string;
  label: string;
  options: Array<{ value: string; label: string }>;
}

/** A choice filter over every value of an enumeration, each shown by `describe`. */
export function createListFilter(
  param: string,
  label: string,
  values: readonly string[],
  describe: (value: string) => string,
): ListFilter {
  return { param, label, options: values.map((value) => ({ value, label: describe(value) })) };
}

type PrefixOf<Suffix extends string> = MessageKey extends infer Key
  ? Key extends `${infer Prefix}.${Suffix}`
    ? Prefix
    : never
  : never;

/** A list the console has texts `<name>.title`, `.intro` and `.caption` for; its API path is `/<name>`. */
export type ListName = PrefixOf<'title'> & PrefixOf<'intro'> & PrefixOf<'caption'>;

/**
 * A list page: free-text search, optional choice filters, sortable columns and cursor paging,
 * its state kept in the address so every view can be linked and reloaded. It is sorted by its
 * first column (the row's name) until the user picks another.
 */
export function ListPage<T extends { id: string }>({
  name,
  searchPlaceholder,
  columns,
  filters = [],
  toQuery = (text) => ({ q: text || undefined }),
  beforeList,
  actions,
  intro,
}: {
  name: ListName;
  searchPlaceholder: string;
  columns: Array<Column<T>>;
  filters?: ListFilter[];
  /** How the search text becomes query parameters (default: free-text `q`). */
  toQuery?: (text: string) => Record<string, string | undefined>;
  /** Shown between the filter bar and the table (e.g. the lock list's battery filter). */
  beforeList?: ReactNode;
  /** Buttons in the page header (e.g. "new …" for roles that may create). */
  actions?: ReactNode;
  /** The page's intro when it differs by reader (default: `<name>.intro`). */
  intro?: string;
}) {
  const { t } = useTranslator();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sort = params.get('sort') ?? columns[0]?.sortField;
  const filterValues = filters.map((filter) => params.get(filter.param) ?? '');
  const filterQuery = Object.fromEntries(
    filters.map((filter, index) => [filter.param, filterValues[index] || undefined]),
  );
  const list = usePagedList<T>(`/${name}`, { ...toQuery(q), ...filterQuery, sort });
  const isFiltered = q !== '' || filterValues.some((value) => value !== '');
  return (
    <Page title={t(`${name}.title`)} intro={intro ?? t(`${name}.intro`)} actions={actions}>
      <FilterBar>
        <SearchBox
          label={t('common.search')}
          placeholder={searchPlaceholder}
          value={q}
          onSearch={(value) => setParams({ q: value })}
        />
        {filters.map((filter, index) => (
          <SelectFilter
            key={filter.param}
            label={filter.label}
            value={filterValues[index] ?? ''}
            options={filter.options}
            onChange={(value) => setParams({ [filter.param]: value })}
          />
        ))}
      </FilterBar>
      {beforeList}
      <PagedTable
        list={list}
        caption={t(`${name}.caption`)}
        columns={columns}
        emptyText={isFiltered ? t('common.noResults') : t('common.emptyList')}
        sort={sort}
        onSort={(value) => setParams({ sort: value })}
      />
    </Page>
  );
}
