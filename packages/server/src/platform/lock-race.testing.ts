// Test support for races between requests, made deterministic on real PostgreSQL: the test holds
// a lock in a transaction of its own, so the requests it starts pause exactly where they would
// race, and lets them go only once every one of them waits. Requests merely started side by side
// race only when the timing happens to fall that way.
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestServer } from './testing';

/** How often to look for the requests waiting; each look is short, so this is seconds at most. */
const looks = 400;

/** One statement the test runs as the superuser. */
export interface TestStatement {
  sql: string;
  values?: unknown[];
}

/**
 * Waits until `count` of the app's backends on the test database wait on a lock, or throws saying
 * how many did. Looks through the superuser pool outside the test's transaction: inside one,
 * pg_stat_activity keeps showing what it showed at the transaction's first look.
 */
export async function waitForLockWaiters(server: TestServer, count: number): Promise<void> {
  let waiting = 0;
  for (let look = 0; look < looks; look += 1) {
    const { rows } = await server.db.superuser.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND usename <> current_user AND wait_event_type = 'Lock'`,
    );
    waiting = rows[0]!.n;
    if (waiting >= count) return;
    await sleep(25);
  }
  throw new Error(`expected ${count} requests waiting on a lock, but ${waiting} came to wait`);
}

/**
 * Starts `requests` while a transaction of the test holds what `lock` locks; once every request
 * waits on a lock (`options.waiting` of them, if not all), runs `options.beforeCommit` in that
 * transaction (e.g. the change a concurrent request would commit), commits, and answers what the
 * requests answered, in order.
 */
export async function raceBehindRowLock<T>(
  server: TestServer,
  lock: TestStatement,
  requests: (() => Promise<T>)[],
  options: { waiting?: number; beforeCommit?: TestStatement } = {},
): Promise<T[]> {
  const client = await server.db.superuser.connect();
  let started: Promise<PromiseSettledResult<T>[]> | undefined;
  try {
    await client.query('BEGIN');
    await client.query(lock.sql, lock.values ?? []);
    started = Promise.allSettled(requests.map((request) => request()));
    await waitForLockWaiters(server, options.waiting ?? requests.length);
    if (options.beforeCommit) await client.query(options.beforeCommit.sql, options.beforeCommit.values ?? []);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    // The requests go on once the lock is gone; none is left running into the next test.
    await started;
    throw error;
  } finally {
    client.release();
  }
  return (await started).map((settled) => {
    if (settled.status === 'rejected') throw settled.reason;
    return settled.value;
  });
}
