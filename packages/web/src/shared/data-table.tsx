// A table with sortable headers (real buttons, aria-sort), loading/empty/error states and
// cursor paging. Sorting and paging are done by the API; the table only asks.
import type { ReactNode } from 'react';
import type { ApiRequestError } from './api-client';
import { useTranslator } from './i18n';
import { EmptyState, ErrorState, LoadingState } from './states';

export interface Column<T> {
  key: string;
  header: string;
  render(row: T): ReactNode;
  /** API field to sort by when this header is pressed. */
  sortField?: string;
  isNumeric?: boolean;
}

export interface Paging {
  pageNumber: number;
  hasNext: boolean;
  hasPrevious: boolean;
  goNext: () => void;
  goPrevious: () => void;
}

/** `field` or `-field`, as the API takes it. */
export type SortSpec = string;

export function DataTable<T extends { id: string | number }>({
  caption,
  columns,
  rows,
  isLoading,
  error,
  onRetry,
  emptyText,
  sort,
  onSort,
  paging,
}: {
  caption: string;
  columns: Array<Column<T>>;
  rows: T[];
  isLoading: boolean;
  error?: ApiRequestError;
  onRetry?: () => void;
  emptyText: string;
  sort?: SortSpec;
  onSort?: (sort: SortSpec) => void;
  paging?: Paging;
}) {
  const { t } = useTranslator();
  const sortField = sort?.replace(/^-/, '');
  const isDescending = sort?.startsWith('-') ?? false;

  const renderHeader = (column: Column<T>) => {
    const isSorted = column.sortField !== undefined && column.sortField === sortField;
    const ariaSort = isSorted
      ? isDescending
        ? 'descending'
        : 'ascending'
      : column.sortField
        ? 'none'
        : undefined;
    if (!column.sortField || !onSort) {
      return (
        <th key={column.key} scope="col" className={column.isNumeric ? 'numeric' : undefined}>
          {column.header}
        </th>
      );
    }
    const field = column.sortField;
    return (
      <th
        key={column.key}
        scope="col"
        aria-sort={ariaSort}
        className={column.isNumeric ? 'numeric' : undefined}
      >
        <button
          type="button"
          className="sort-button"
          onClick={() => onSort(isSorted && !isDescending ? `-${field}` : field)}
          aria-label={`${t('common.sortBy', { column: column.header })}${
            isSorted ? `, ${t(isDescending ? 'common.sortedDescending' : 'common.sortedAscending')}` : ''
          }`}
        >
          {column.header}
          <span aria-hidden="true" className="sort-indicator">
            {isSorted ? (isDescending ? '▼' : '▲') : '↕'}
          </span>
        </button>
      </th>
    );
  };

  return (
    <div className="table-block">
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table className="data-table" aria-busy={isLoading}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>{columns.map(renderHeader)}</tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                {columns.map((column) => (
                  <td key={column.key} className={column.isNumeric ? 'numeric' : undefined}>
                    {column.render(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {isLoading && <LoadingState />}
      {!isLoading && error && <ErrorState error={error} {...(onRetry ? { onRetry } : {})} />}
      {!isLoading && !error && rows.length === 0 && <EmptyState>{emptyText}</EmptyState>}
      {paging && (paging.hasNext || paging.hasPrevious) && (
        <nav className="pager" aria-label={caption}>
          <button
            type="button"
            className="button button-secondary"
            onClick={paging.goPrevious}
            disabled={!paging.hasPrevious}
          >
            ← {t('common.previous')}
          </button>
          <span aria-live="polite">{t('common.page', { page: paging.pageNumber })}</span>
          <button
            type="button"
            className="button button-secondary"
            onClick={paging.goNext}
            disabled={!paging.hasNext}
          >
            {t('common.next')} →
          </button>
        </nav>
      )}
    </div>
  );
}
