import { createHash } from 'node:crypto';
import type pg from 'pg';

/** A pool or one held connection: repositories take either, so callers choose the transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;
export type Row = Record<string, unknown>;

/** Collects query parameters and hands out their `$n` placeholders. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Whether the query answers with any row (an existence check: `SELECT 1 … LIMIT 1`). */
export async function hasAnyRow(db: Queryable, sql: string, values: readonly unknown[]): Promise<boolean> {
  const { rows } = await db.query(sql, [...values]);
  return rows.length > 0;
}

/** The first row the statement answers, or undefined. */
export async function selectFirstRow<R extends pg.QueryResultRow>(
  db: Queryable,
  sql: string,
  values: readonly unknown[],
): Promise<R | undefined> {
  const { rows } = await db.query<R>(sql, [...values]);
  return rows[0];
}

/** A read that is one statement: called with a connection and the statement's `$1, $2, …` in order. */
export type RowQuery<P extends unknown[], T> = (db: Queryable, ...values: P) => Promise<T>;

/**
 * The finder of the first row one statement answers, or undefined: for the many reads by key whose
 * whole body would otherwise be "run this SQL, return `rows[0]`". `P` names the `$n` in order.
 */
export function createFirstRowQuery<R extends pg.QueryResultRow, P extends unknown[]>(
  sql: string,
): RowQuery<P, R | undefined> {
  return (db, ...values) => selectFirstRow<R>(db, sql, values);
}

/** The lister of every row one statement answers, in its order; `P` names the `$n` in order. */
export function createRowsQuery<R extends pg.QueryResultRow, P extends unknown[]>(
  sql: string,
): RowQuery<P, R[]> {
  return async (db, ...values) => (await db.query<R>(sql, values)).rows;
}

/** The first column of every row the statement answers, in its order. */
async function selectFirstColumn<T>(db: Queryable, sql: string, values: unknown[]): Promise<T[]> {
  const { rows } = await db.query<[T]>({ text: sql, values, rowMode: 'array' });
  return rows.map(([value]) => value);
}

/** The first column of the first row one statement answers, or undefined (one id, one name). */
export function createFirstValueQuery<T, P extends unknown[]>(sql: string): RowQuery<P, T | undefined> {
  return async (db, ...values) => (await selectFirstColumn<T>(db, sql, values))[0];
}

/** The first column of every row one statement answers, in its order (a list of ids); `P` names the `$n` in order. */
export function createColumnQuery<T, P extends unknown[]>(sql: string): RowQuery<P, T[]> {
  return (db, ...values) => selectFirstColumn<T>(db, sql, values);
}

/**
 * The reader of a map from the first column to the second of the rows one statement answers: what a
 * list that carries only ids shows beside them (a name, an address by id). The ids are the
 * statement's last `$n` (`= ANY($n::uuid[])`), so none answer an empty map without a round trip;
 * `P` names the `$n` before them in order.
 */
export function createLookupByIds<V, P extends unknown[]>(
  sql: string,
): RowQuery<[...P, ids: readonly string[]], Map<string, V>> {
  return async (db, ...values) => {
    if ((values.at(-1) as readonly string[]).length === 0) return new Map();
    const { rows } = await db.query<[string, V]>({ text: sql, values, rowMode: 'array' });
    return new Map(rows);
  };
}

/** Whether one statement answers with any row (`SELECT 1 … LIMIT 1`); `P` names the `$n` in order. */
export function createExistenceCheck<P extends unknown[]>(sql: string): RowQuery<P, boolean> {
  return (db, ...values) => hasAnyRow(db, sql, values);
}

const statementNames = new Map<string, string>();

/**
 * A statement PostgreSQL parses and plans once per connection instead of on every call: for the
 * few statements every request of a hot path runs. Its text may vary (by scope kind, say); each
 * spelling gets its own name, so the number of names stays that of the spellings in the code.
 */
export function namedStatement(label: string, text: string, values: unknown[]): pg.QueryConfig {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `${label}-${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}
