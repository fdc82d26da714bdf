// Keyset paging by a sort key and id: how the scoped lists (registry rows, visits, shifts, planned
// visits, support cases, work orders) are paged. The cursor names the last row's position, so a
// page never repeats or skips rows when others are added meanwhile, and names no row to look up.
import type pg from 'pg';
import type { Params, Queryable } from './queryable';

/** One optional condition: `?` stands for the value; no value (undefined, null, '') adds nothing. */
export type OptionalCondition = readonly [condition: string, value: unknown];

/** The conditions among `conditions` that were given a value, with their values as parameters. */
export function optionalConditions(params: Params, conditions: readonly OptionalCondition[]): string[] {
  return conditions
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([condition, value]) => condition.replace('?', params.add(value)));
}

/** A list's order: its sort key as SQL, the type its cursor text is read as, the id column and direction. */
export interface KeysetOrder {
  key: string;
  /** Without one, PostgreSQL reads the cursor's text as the key's own type. */
  cast?: string | undefined;
  /** The tie-breaking id column; `t.id` unless said. */
  id?: string | undefined;
  direction?: 'ASC' | 'DESC' | undefined;
}

/** Where the previous page ended: its last row's sort key as PostgreSQL text (full precision) and id. */
export interface KeysetPosition {
  sortKey: string;
  id: string;
}

/** What a page is read from: the select list and tables, the conditions (parameters in `params`), order, cursor, size. */
export interface KeysetPageQuery {
  select: string;
  where: readonly string[];
  order: KeysetOrder;
  after?: KeysetPosition | undefined;
  limit: number;
}

/** One page of rows meeting every condition, in `order`, after the position `after`. */
export async function selectKeysetPage<R extends pg.QueryResultRow>(
  db: Queryable,
  params: Params,
  page: KeysetPageQuery,
): Promise<R[]> {
  const { key, cast, id = 't.id', direction = 'ASC' } = page.order;
  const where = [...page.where];
  if (page.after) {
    const sortKey = `${params.add(page.after.sortKey)}${cast ? `::${cast}` : ''}`;
    const comparison = direction === 'ASC' ? '>' : '<';
    where.push(`(${key}, ${id}) ${comparison} (${sortKey}, ${params.add(page.after.id)}::uuid)`);
  }
  const { rows } = await db.query<R>(
    `${page.select} WHERE ${where.join(' AND ')}
     ORDER BY ${key} ${direction}, ${id} ${direction} LIMIT ${params.add(page.limit)}`,
    params.values,
  );
  return rows;
}
