// Session-level advisory locks by name: a job every process runs takes one, so that one process
// in a cluster does the work at a time. The lock belongs to the connection until it is released.
import type { Queryable } from './queryable';

export interface SessionLock {
  /** Takes the lock on this connection; false when another connection holds it. */
  tryTake: (db: Queryable) => Promise<boolean>;
  release: (db: Queryable) => Promise<void>;
}

/** The session lock named `key` (any stable text; PostgreSQL locks its hash). */
export function createSessionLock(key: string): SessionLock {
  return {
    tryTake: async (db) => {
      const { rows } = await db.query<{ isLocked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS "isLocked"',
        [key],
      );
      return rows[0]!.isLocked;
    },
    release: async (db) => {
      await db.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
    },
  };
}
