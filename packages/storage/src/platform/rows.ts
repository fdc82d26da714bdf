import { createRowsQuery, type Row, type RowQuery } from './queryable';

/** A row as the API presents it: timestamps (node-postgres gives `Date`s) as ISO 8601 strings. */
export function withIsoDates(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row))
    out[key] = value instanceof Date ? value.toISOString() : value;
  return out;
}

/**
 * The lister of every row one statement answers, in its order, each `withIsoDates`: for the
 * histories the API shows as they are stored. `P` names the statement's `$n` in order.
 */
export function createIsoRowsQuery<P extends unknown[]>(sql: string): RowQuery<P, Row[]> {
  const listRows = createRowsQuery<Row, P>(sql);
  return async (db, ...values) => (await listRows(db, ...values)).map((row) => withIsoDates(row));
}

/** A keyset-paged list row: its id and its position (the next page's cursor) beside its fields. */
export type PositionedRow = Record<string, unknown> & { id: string; position: string };

/** A positioned row as the API presents it: `withIsoDates`, its id and position left as they are. */
export function withIsoPositionedDates(row: PositionedRow): PositionedRow {
  return { ...withIsoDates(row), id: row.id, position: row.position };
}
