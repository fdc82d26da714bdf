import { DataTable, type Column } from './data-table';
import { SearchBox } from './filters';
import { useTranslator } from './i18n';
import { useSearchParams } from './router';
import { usePagedList } from './use-api';

/**
 * A registry list with free-text search, sortable columns and cursor paging, its state kept in
 * the address so every view can be linked and reloaded.
 */
export function SearchableList<T extends { id: string }>({
  path,
  defaultSort,
  caption,
  searchPlaceholder,
  columns,
  toQuery = (text) => ({ q: text || undefined }),
}: {
  path: string;
  defaultSort: string;
  caption: string;
  searchPlaceholder: string;
  columns: Array<Column<T>>;
  /** How the search text becomes query parameters (default: free-text `q`). */
  toQuery?: (text: string) => Record<string, string | undefined>;
}) {
  const { t } = useTranslator();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sort = params.get('sort') ?? defaultSort;
  const list = usePagedList<T>(path, { ...toQuery(q), sort });
  return (
    <>
      <div className="toolbar">
        <SearchBox
          label={t('common.search')}
          placeholder={searchPlaceholder}
          value={q}
          onSearch={(value) => setParams({ q: value })}
        />
      </div>
      <DataTable
        caption={caption}
        columns={columns}
        rows={list.items}
        isLoading={list.isLoading}
        error={list.error}
        onRetry={list.reload}
        emptyText={q ? t('common.noResults') : t('common.emptyList')}
        sort={sort}
        onSort={(value) => setParams({ sort: value })}
        paging={list}
      />
    </>
  );
}
