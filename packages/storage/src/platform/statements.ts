// Writes that are one statement, declared like the reads of queryable.ts: the statement and how its
// `$1, $2, …` are made from the arguments the callers pass after the connection.
import type pg from 'pg';
import type { Queryable, RowQuery } from './queryable';

/** How a statement's values (its `$n` in order) are made from a write's arguments. */
export type ValuesOf<A extends unknown[]> = (...args: A) => readonly unknown[];

/** The arguments themselves, in order: for a write whose arguments are its `$n`. */
const asGiven = (...args: unknown[]): readonly unknown[] => args;

/**
 * A write that is one statement and answers nothing (an insert, an update, a delete): `toValues`
 * makes its `$n` from the arguments (without one, the arguments are the `$n` in order).
 */
export function createStatement<A extends unknown[]>(
  sql: string,
  toValues: ValuesOf<A> = asGiven,
): RowQuery<A, void> {
  return async (db, ...args) => {
    await db.query(sql, [...toValues(...args)]);
  };
}

/** The one row a write's `RETURNING` answers (an insert, or an update of a row known to be there). */
export async function selectReturnedRow<R extends pg.QueryResultRow>(
  db: Queryable,
  sql: string,
  values: readonly unknown[],
): Promise<R> {
  const { rows } = await db.query<R>(sql, [...values]);
  return rows[0]!;
}

/** A write that is one statement and answers the one row its `RETURNING` gives; `toValues` as above. */
export function createReturningStatement<R extends pg.QueryResultRow, A extends unknown[]>(
  sql: string,
  toValues: ValuesOf<A> = asGiven,
): RowQuery<A, R> {
  return (db, ...args) => selectReturnedRow<R>(db, sql, toValues(...args));
}

/** A statement and its values, for the writes that run more than one. */
export type Statement = readonly [text: string, values: readonly unknown[]];

/**
 * Replaces a set of rows (call inside a transaction): deletes the old set, then inserts the new
 * one unless it has no rows (`insert` false).
 */
export async function replaceRowSet(
  db: Queryable,
  [removeText, removeValues]: Statement,
  insert: Statement | false,
): Promise<void> {
  await db.query(removeText, [...removeValues]);
  if (insert) await db.query(insert[0], [...insert[1]]);
}

/**
 * A write that is one statement and answers the first column of the one row its `RETURNING` gives
 * (a new id, a new count); `toValues` as above.
 */
export function createReturningValueStatement<T, A extends unknown[]>(
  sql: string,
  toValues: ValuesOf<A> = asGiven,
): RowQuery<A, T> {
  return async (db, ...args) => {
    const { rows } = await db.query<[T]>({ text: sql, values: [...toValues(...args)], rowMode: 'array' });
    return rows[0]![0];
  };
}
