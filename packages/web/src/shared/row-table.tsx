// A SimpleTable declared by its columns: each column says its header and its cell together, so a
// header cannot drift from the cells under it, and the rows and cells are written here once.
import type { ReactNode } from 'react';
import { HeadedTable, SimpleTable, type SimpleHeader } from './data-table';
import { ResourceStates } from './states';
import type { ResourceState } from './use-api';

export interface RowColumn<Row> {
  header: SimpleHeader;
  render: (row: Row) => ReactNode;
  /** A class for the column's cells (`numeric` comes from the header's `isNumeric`). */
  className?: string;
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

interface TableProps<Row> {
  caption: string;
  rowData?: (row: Row) => RowData;
  columns: Array<RowColumn<Row>>;
  /** False for a table that sits in a card with no scrolling region of its own (HeadedTable). */
  hasScrollRegion?: boolean;
}

export function RowTable<Row>(props: KeyProps<Row> & TableProps<Row> & { rows: readonly Row[] }) {
  return <KeyedTable<Row> {...props} />;
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
  columns,
  hasScrollRegion = true,
}: TableProps<Row> & { rows: readonly Row[]; rowKey?: RowKey<Row> }) {
  const Table = hasScrollRegion ? SimpleTable : HeadedTable;
  return (
    <Table caption={caption} headers={columns.map((column) => column.header)}>
      {rows.map((row, rowIndex) => (
        <tr key={rowKey(row, rowIndex)} {...rowData?.(row)}>
          {columns.map((column, index) => (
            <td key={index} className={classNameOf(column)}>
              {column.render(row)}
            </td>
          ))}
        </tr>
      ))}
    </Table>
  );
}

function classNameOf<Row>(column: RowColumn<Row>): string | undefined {
  const isNumeric = typeof column.header !== 'string' && column.header.isNumeric === true;
  return isNumeric ? 'numeric' : column.className;
}
