// A SimpleTable declared by its columns: each column says its header and its cell together, so a
// header cannot drift from the cells under it, and the rows and cells are written here once.
import type { ReactNode } from 'react';
import { HeadedTable, presentCell, SimpleTable, type SimpleHeader } from './data-table';
import { EmptyState, ResourceStates } from './states';
import type { ResourceState } from './use-api';

export interface RowColumn<Row> {
  header: SimpleHeader;
  render: (row: Row) => ReactNode;
  /** A class for the column's cells (`numeric` comes from the header's `isNumeric`). */
  className?: string;
  /** The column that names each row: its cells are row headers (`<th scope="row">`). */
  isRowHeader?: boolean;
}

/** The data attributes a row carries for the browser tests (`data-visit`, `data-state`, …). */
type RowData = Record<`data-${string}`, string | undefined>;

/** Where a column is shown only to some roles: the column, or none. */
export function columnIf<Row>(isShown: boolean, column: RowColumn<Row>): Array<RowColumn<Row>> {
  return isShown ? [column] : [];
}

type RowKey<Row> = (row: Row, index: number) => string | number;

/** A row with an `id` is keyed by it unless the table says otherwise; any other row needs `rowKey`. */
type KeyProps<Row> = [Row] extends [{ id: string | number }]
  ? { rowKey?: RowKey<Row> }
  : { rowKey: RowKey<Row> };

/**
 * How the table sits on the page: in its own scrolling region named by the caption (SimpleTable),
 * in a card with none (HeadedTable), or `plain`, unstyled, inside something that frames it.
 */
type TableFrame = 'region' | 'card' | 'plain';

type TableProps<Row> = {
  /**
   * On a phone each row becomes a card of labelled fields instead of a table row (docs/web.md
   * "Small screens"): for a list read on a phone, where sideways scrolling would hide columns.
   * The row-header column heads the card; a column with the class `stacked-wide` takes its width.
   */
  isStackedOnPhone?: boolean;
  rowData?: (row: Row) => RowData;
  /** A class for a row that stands out (`row-overdue`), or undefined. */
  rowClassName?: (row: Row) => string | undefined;
  columns: Array<RowColumn<Row>>;
} & ({ frame?: 'region' | 'card'; caption: string } | { frame: 'plain'; caption?: string });

/** Rows already at hand; with `emptyText`, that text instead of a table without rows. */
export function RowTable<Row>({
  emptyText,
  ...table
}: KeyProps<Row> & TableProps<Row> & { rows: readonly Row[]; emptyText?: string }) {
  if (emptyText !== undefined && table.rows.length === 0) return <EmptyState>{emptyText}</EmptyState>;
  return <KeyedTable<Row> {...table} />;
}

/** A loaded list's items as a RowTable, with the list's loading, error, and `emptyText` when it has none. */
export function ResourceTable<Row>({
  resource,
  emptyText,
  ...table
}: KeyProps<Row> & TableProps<Row> & { resource: ResourceState<{ items: Row[] }>; emptyText: string }) {
  const rows = resource.data?.items ?? [];
  return (
    <ResourceStates resource={resource} isEmpty={rows.length === 0} emptyText={emptyText}>
      <KeyedTable<Row> {...table} rows={rows} />
    </ResourceStates>
  );
}

function KeyedTable<Row>({
  caption,
  rows,
  rowKey = (row) => (row as { id: string | number }).id,
  rowData,
  rowClassName,
  columns,
  frame = 'region',
  isStackedOnPhone = false,
}: {
  caption?: string;
  rows: readonly Row[];
  rowKey?: RowKey<Row>;
  rowData?: (row: Row) => RowData;
  rowClassName?: (row: Row) => string | undefined;
  columns: Array<RowColumn<Row>>;
  frame?: TableFrame;
  isStackedOnPhone?: boolean;
}) {
  const headers = columns.map((column) => column.header);
  // The stacked card labels each field with its column's header (a CSS ::before of data-label).
  const labelOf = (column: RowColumn<Row>) =>
    !isStackedOnPhone || column.isRowHeader
      ? undefined
      : typeof column.header === 'string'
        ? column.header
        : column.header.text;
  const body = rows.map((row, rowIndex) => (
    <tr key={rowKey(row, rowIndex)} {...rowData?.(row)} className={rowClassName?.(row)}>
      {columns.map((column, index) => {
        const Cell = column.isRowHeader ? 'th' : 'td';
        return (
          <Cell
            key={index}
            scope={column.isRowHeader ? 'row' : undefined}
            className={classNameOf(column)}
            data-label={labelOf(column)}
          >
            {presentCell(column.render(row))}
          </Cell>
        );
      })}
    </tr>
  ));
  const table =
    frame === 'region' ? (
      <SimpleTable caption={caption ?? ''} headers={headers}>
        {body}
      </SimpleTable>
    ) : (
      <HeadedTable caption={caption} headers={headers} className={frame === 'card' ? 'data-table' : null}>
        {body}
      </HeadedTable>
    );
  return isStackedOnPhone ? <div className="table-stacked">{table}</div> : table;
}

function classNameOf<Row>(column: RowColumn<Row>): string | undefined {
  const isNumeric = typeof column.header !== 'string' && column.header.isNumeric === true;
  return isNumeric ? 'numeric' : column.className;
}
