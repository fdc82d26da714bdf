// Tables: DataTable, with sortable headers (real buttons, aria-sort), loading/empty/error states
// and cursor paging (sorting and paging are done by the API; the table only asks); and
// SimpleTable, for the short lists a detail page shows whole. Both scroll sideways on a phone
// inside a focusable region named by the caption, so keyboard users can scroll them too.
import type { ReactNode } from 'react';
import type { ApiRequestError } from './api-client';
import type { PagedList } from './use-api';
import { splitDateText } from './dates';
import { useTranslator } from './i18n';
import { EmptyState, ErrorState, LoadingState } from './states';

export interface Column<T> {
  key: string;
  header: string;
  render(row: T): ReactNode;
  /** API field to sort by when this header is pressed. */
  sortField?: string;
  isNumeric?: boolean;
  /** A class for the column's cells, e.g. to keep a reference on one line or let a name wrap. */
  className?: string;
}

export interface Paging {
  pageNumber: number;
  hasNext: boolean;
  hasPrevious: boolean;
  goNext: () => void;
  goPrevious: () => void;
}

/** A column header of a SimpleTable: its text, or the text and how it is shown. */
export type SimpleHeader = string | { text: string; isNumeric?: boolean; isVisuallyHidden?: boolean };

/**
 * A table with its (hidden) caption when it has one, one header row and the caller's rows; for
 * the small tables that sit in a card and need no scrolling region of their own.
 */
export function HeadedTable({
  caption,
  className = 'data-table',
  isBusy,
  headers = [],
  headerCells = headerCellsOf(headers),
  children,
}: {
  caption?: string;
  /** The table's class; null for none (a table framed by what holds it). */
  className?: string | null;
  isBusy?: boolean;
  headers?: SimpleHeader[];
  /** The header row's cells, when they are more than plain `headers` (sort buttons). */
  headerCells?: ReactNode;
  children: ReactNode;
}) {
  return (
    <table className={className ?? undefined} aria-busy={isBusy}>
      {caption !== undefined && <caption className="visually-hidden">{caption}</caption>}
      <thead>
        <tr>{headerCells}</tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** Plain column headers as header cells. */
function headerCellsOf(headers: SimpleHeader[]): ReactNode {
  return headers.map((header) => {
    const {
      text,
      isNumeric = false,
      isVisuallyHidden = false,
    } = typeof header === 'string' ? { text: header } : header;
    return (
      <th key={text} scope="col" className={isNumeric ? 'numeric' : undefined}>
        {isVisuallyHidden ? <span className="visually-hidden">{text}</span> : text}
      </th>
    );
  });
}

/** The scrolling region around a captioned table; the caller gives the header cells and rows. */
function TableFrame({
  caption,
  isBusy,
  headerCells,
  children,
}: {
  caption: string;
  isBusy?: boolean;
  headerCells: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <HeadedTable caption={caption} isBusy={isBusy} headerCells={headerCells}>
        {children}
      </HeadedTable>
    </div>
  );
}

/** A table of rows the caller renders (`<tr>`s), under plain column headers. */
export function SimpleTable({
  caption,
  headers,
  children,
}: {
  caption: string;
  headers: SimpleHeader[];
  children: ReactNode;
}) {
  return (
    <TableFrame caption={caption} headerCells={headerCellsOf(headers)}>
      {children}
    </TableFrame>
  );
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
      <TableFrame caption={caption} isBusy={isLoading} headerCells={columns.map(renderHeader)}>
        {rows.map((row) => (
          <tr key={row.id}>
            {columns.map((column) => (
              <td key={column.key} className={cellClassOf(column)}>
                {presentCell(column.render(row))}
              </td>
            ))}
          </tr>
        ))}
      </TableFrame>
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

/** A DataTable cell's classes: `numeric` for a numeric column, then the column's own. */
function cellClassOf<T>(column: Column<T>): string | undefined {
  return [column.isNumeric ? 'numeric' : undefined, column.className].filter(Boolean).join(' ') || undefined;
}

/**
 * A cell's content as shown: a date or date-time (or a range of them) as the translator writes
 * it has its day and its time each in a `date` span, which no line breaks inside ("3 dec. 2026"
 * broken over "3 dec." and "2026" in a narrow column reads as two values); a line may still break
 * between the day and the time. Cells are recognised by their text, so every table's date columns
 * get it without saying so.
 */
export function presentCell(content: ReactNode): ReactNode {
  const parts = typeof content === 'string' ? splitDateText(content) : undefined;
  if (!parts) return content;
  return parts.map((part, index) =>
    part.isUnbroken ? (
      <span key={index} className="date">
        {part.text}
      </span>
    ) : (
      part.text
    ),
  );
}

/** A DataTable over one page of a paged API list, with the list's loading, error and paging. */
export function PagedTable<T extends { id: string | number }>({
  list,
  ...table
}: {
  list: PagedList<T>;
  caption: string;
  columns: Array<Column<T>>;
  emptyText: string;
  sort?: SortSpec;
  onSort?: (sort: SortSpec) => void;
}) {
  return (
    <DataTable
      {...table}
      rows={list.items}
      isLoading={list.isLoading}
      error={list.error}
      onRetry={list.reload}
      paging={list}
    />
  );
}
