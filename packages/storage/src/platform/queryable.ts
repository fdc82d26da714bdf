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
