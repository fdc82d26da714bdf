// A day's or a week's second list (work shifts, planned visits) under the visits: left out, heading
// and all, while it has no rows, so the page does not announce an empty table.
import type { ComponentProps } from 'react';
import { RowTable } from '../shared/row-table';

/** A RowTable under an `<h2>` of its caption, shown only when there are rows. */
export function HeadedRowsTable<Row>({
  caption,
  ...table
}: ComponentProps<typeof RowTable<Row>> & { caption: string }) {
  if (table.rows.length === 0) return null;
  return (
    <>
      <h2>{caption}</h2>
      <RowTable<Row> caption={caption} {...table} />
    </>
  );
}
