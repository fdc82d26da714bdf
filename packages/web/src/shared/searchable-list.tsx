import { PagedTable, type Column } from './data-table';
import { SearchBox, SelectFilter } from './filters';
import { useTranslator } from './i18n';
import { useSearchParams } from './router';
import { usePagedList } from './use-api';

/** A choice list next to the search box; its value is the query parameter `param`. */
export interface ListFilter {
  param: string;
  label: string;
  options: Array<{ value: string; label: string }>;
}

/**
 * A registry list with free-text search, optional choice filters, sortable columns and cursor
 * paging, its state kept in the address so every view can be linked and reloaded.
 */
export function SearchableList<T extends { id: string }>({
  path,
  defaultSort,
  caption,
  searchPlaceholder,
  columns,
  filters = [],
  toQuery = (text) => ({ q: text || undefined }),
}: {
  path: string;
  defaultSort: string;
  caption: string;
  searchPlaceholder: string;
  columns: Array<Column<T>>;
  filters?: ListFilter[];
  /** How the search text becomes query parameters (default: free-text `q`). */
  toQuery?: (text: string) => Record<string, string | undefined>;
}) {
  const { t } = useTranslator();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sort = params.get('sort') ?? defaultSort;
  const filterValues = filters.map((filter) => params.get(filter.param) ?? '');
  const filterQuery = Object.fromEntries(
    filters.map((filter, index) => [filter.param, filterValues[index] || undefined]),
  );
  const list = usePagedList<T>(path, { ...toQuery(q), ...filterQuery, sort });
  const isFiltered = q !== '' || filterValues.some((value) => value !== '');
  return (
    <>
      <div className="toolbar">
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
      </div>
      <PagedTable
        list={list}
        caption={caption}
        columns={columns}
        emptyText={isFiltered ? t('common.noResults') : t('common.emptyList')}
        sort={sort}
        onSort={(value) => setParams({ sort: value })}
      />
    </>
  );
}
