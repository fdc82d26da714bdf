// What a failover looks like from the application (docs/idempotency.md "Failover and retries"):
// the connection drops (the primary's postgres was killed, HAProxy cut the session), the server
// ends the session (57P01–57P03), a new connection is refused while no primary is up, or the
// connection reaches a node that is read-only (a demoted primary or a replica, 25006).
import type pg from 'pg';

/** SQLSTATEs of a lost or refused session and of a read-only node. */
const failoverStates = new Set([
  '25006', // read_only_sql_transaction
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, in recovery)
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
]);

/** Node's socket errors when the database host or its proxy goes away. */
const socketErrors = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ENOTCONN', 'EHOSTUNREACH']);

/** node-postgres' own words for a connection that ended under a query. */
const lostConnectionMessages =
  /^(Connection terminated( unexpectedly)?|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)$/;

/** Whether `error` is the database being lost or read-only (a failover), not the request's fault. */
export function isFailoverError(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (failoverStates.has(code) || socketErrors.has(code))) return true;
  return lostConnectionMessages.test(error.message);
}

/**
 * The database stayed unavailable through the retries `withTransaction` may make, or a COMMIT
 * was lost with nothing to tell whether it happened (`isOutcomeUnknown`): answered 503
 * `database_unavailable` with `Retry-After`.
 */
export class DatabaseUnavailableError extends Error {
  constructor(
    cause: unknown,
    readonly isOutcomeUnknown: boolean,
  ) {
    super(
      isOutcomeUnknown
        ? 'The database connection was lost while committing; the outcome is unknown.'
        : 'The database is unavailable.',
      { cause },
    );
  }
}

/** How long a transaction is retried through a failover unless the pool says otherwise. */
export const defaultFailoverRetryMs = 10_000;

const retryBudgets = new WeakMap<pg.Pool, number>();

/** Sets how long `withTransaction` keeps retrying on `pool` through a failover. */
export function setFailoverRetryBudget(pool: pg.Pool, milliseconds: number): void {
  retryBudgets.set(pool, milliseconds);
}

/** How long `withTransaction` keeps retrying on `pool`. */
export function readFailoverRetryBudget(pool: pg.Pool): number {
  return retryBudgets.get(pool) ?? defaultFailoverRetryMs;
}
