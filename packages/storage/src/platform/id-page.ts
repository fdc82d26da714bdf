// Keyset paging by id, newest first: how the append-only logs (audit trail, integrity findings,
// event read log) are listed. Ids only grow, so "below the last id seen" is a stable cursor.
import type pg from 'pg';
import { Params, type Queryable } from './queryable';

/** A page of rows, newest first, and whether older rows follow. */
export interface IdPage<T> {
  items: T[];
  hasMore: boolean;
}

/** One optional filter: `?` in the condition stands for the value; no value (undefined, null) filters nothing. */
export type PageFilter = readonly [condition: string, value: unknown];

export interface IdPageQuery {
  /** The select list, with the column aliases the rows come back with. */
  columns: string;
  table: string;
  municipalityId: string;
  filters: readonly PageFilter[];
  /** The id of the oldest row of the previous page. */
  beforeId?: number | undefined;
  limit: number;
}

/**
 * One page of `table`'s rows of a municipality that meet every given filter, newest first. It reads
 * one row more than `limit` to tell whether another page follows; `present` shapes each row.
 */
export async function selectIdPage<R extends pg.QueryResultRow, T>(
  db: Queryable,
  query: IdPageQuery,
  present: (row: R) => T,
): Promise<IdPage<T>> {
  const params = new Params();
  const where = [`municipality_id = ${params.add(query.municipalityId)}`];
  for (const [condition, value] of query.filters) {
    if (value !== undefined && value !== null) where.push(condition.replace('?', params.add(value)));
  }
  if (query.beforeId !== undefined) where.push(`id < ${params.add(query.beforeId)}`);
  const { rows } = await db.query<R>(
    `SELECT ${query.columns} FROM ${query.table} WHERE ${where.join(' AND ')}
     ORDER BY id DESC LIMIT ${params.add(query.limit + 1)}`,
    params.values,
  );
  return { items: rows.slice(0, query.limit).map(present), hasMore: rows.length > query.limit };
}
