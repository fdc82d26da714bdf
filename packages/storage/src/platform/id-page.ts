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

/** What a page is read from: the select list (with the aliases rows come back with), the table, the filters. */
export interface IdPageSource {
  columns: string;
  table: string;
  filters: readonly PageFilter[];
}

/** Which page: a municipality's rows below `beforeId` (the oldest id of the previous page), `limit` of them. */
export interface IdPageQuery {
  municipalityId: string;
  beforeId?: number | undefined;
  limit: number;
}

/**
 * One page of `source.table`'s rows that meet every given filter, newest first. It reads one row
 * more than `limit` to tell whether another page follows; `present` shapes each row.
 */
export async function selectIdPage<R extends pg.QueryResultRow, T>(
  db: Queryable,
  source: IdPageSource,
  page: IdPageQuery,
  present: (row: R) => T,
): Promise<IdPage<T>> {
  const params = new Params();
  const where = [`municipality_id = ${params.add(page.municipalityId)}`];
  for (const [condition, value] of source.filters) {
    if (value !== undefined && value !== null) where.push(condition.replace('?', params.add(value)));
  }
  if (page.beforeId !== undefined) where.push(`id < ${params.add(page.beforeId)}`);
  const { rows } = await db.query<R>(
    `SELECT ${source.columns} FROM ${source.table} WHERE ${where.join(' AND ')}
     ORDER BY id DESC LIMIT ${params.add(page.limit + 1)}`,
    params.values,
  );
  return { items: rows.slice(0, page.limit).map(present), hasMore: rows.length > page.limit };
}
