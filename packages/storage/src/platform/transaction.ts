import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { DatabaseUnavailableError, isFailoverError, readFailoverRetryBudget } from './database-failover';
import { findOpenClaim, type IdempotencyClaim } from './idempotency-claim';
import { claimIdempotencyKey, hasCommittedClaim } from './idempotency.repository';

export interface TransactionOptions {
  /** e.g. `ISOLATION LEVEL REPEATABLE READ READ ONLY` for a consistent multi-statement read. */
  mode?: 'ISOLATION LEVEL REPEATABLE READ READ ONLY' | 'ISOLATION LEVEL SERIALIZABLE';
  /**
   * False for a write that is not the request's own change (a shared key or cache made on first
   * use): it must not carry the request's idempotency key, which would then commit without the
   * request's writes (docs/idempotency.md "Exactness").
   */
  isRequestChange?: boolean;
}

/** Where one attempt got to, and the answer `work` gave if it got that far. */
interface Attempt<T> {
  phase: 'connect' | 'work' | 'commit';
  result?: { value: T };
  hasClaimed: boolean;
}

/** The first and the longest pause between attempts through a failover. */
const firstPauseMs = 100;
const longestPauseMs = 1000;

/**
 * The one transaction helper: runs `work` in one transaction, so everything it wrote is kept or
 * nothing is. Given a pool it takes one connection for the whole transaction and returns it;
 * given a client it uses that session (e.g. one holding an advisory lock) and leaves it open.
 * `work` must use only `client` for the database, never the pool: waiting for a second
 * connection while holding this one is how a burst of requests exhausts the pool
 * (docs/device-gateway.md "Connections").
 *
 * A writing transaction of a request that carries an idempotency key claims the key inside
 * itself (idempotency-claim.ts). Given a pool, a transaction lost to a failover (the connection
 * dropped, the node read-only) is run again on a fresh connection, with short pauses, for the
 * pool's retry budget, but only where that is exact: it failed before COMMIT was sent, so
 * nothing of it was kept, or its claim tells whether the lost COMMIT happened. Otherwise, or when
 * the budget is spent, it throws `DatabaseUnavailableError` (docs/idempotency.md). So `work` may
 * run more than once and must keep its results in what it returns, not in variables outside.
 */
export async function withTransaction<T>(
  db: pg.Pool | pg.PoolClient,
  work: (client: pg.PoolClient) => Promise<T>,
  options?: TransactionOptions,
): Promise<T>;
/** On a connection of its own (not from a pool), e.g. the migration session. */
export async function withTransaction<T>(
  db: pg.ClientBase,
  work: (client: pg.ClientBase) => Promise<T>,
  options?: TransactionOptions,
): Promise<T>;
export async function withTransaction<T>(
  db: pg.Pool | pg.ClientBase,
  work: (client: pg.PoolClient) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const claim =
    options.mode?.includes('READ ONLY') || options.isRequestChange === false ? undefined : findOpenClaim();
  // A held session cannot move to another connection with what it holds: its caller decides.
  if (!(db instanceof pg.Pool))
    return runAttempt(db, work, options, claim, { phase: 'connect', hasClaimed: false });
  const deadline = Date.now() + readFailoverRetryBudget(db);
  let pauseMs = firstPauseMs;
  // The answer of an attempt whose COMMIT was lost, kept until its claim tells whether it happened.
  let lostCommit: { value: T } | undefined;
  for (;;) {
    const attempt: Attempt<T> = { phase: 'connect', hasClaimed: false };
    try {
      if (lostCommit && claim) {
        const { municipalityId, accountId, key, requestId } = claim;
        if (await hasCommittedClaim(db, municipalityId, accountId, key, requestId)) {
          claim.state = 'committed';
          return lostCommit.value;
        }
        lostCommit = undefined;
      }
      return await runAttempt(db, work, options, claim, attempt);
    } catch (error) {
      if (!isFailoverError(error)) throw error;
      if (attempt.phase === 'commit') {
        // Without this request's claim nothing tells whether the COMMIT happened: running the
        // work again could write everything twice.
        if (!attempt.hasClaimed) throw new DatabaseUnavailableError(error, true);
        lostCommit = attempt.result;
      }
      if (Date.now() + pauseMs > deadline)
        throw new DatabaseUnavailableError(error, lostCommit !== undefined);
      await sleep(pauseMs);
      pauseMs = Math.min(pauseMs * 2, longestPauseMs);
    }
  }
}

/** One try: connect (given a pool), begin, claim the request's key if open, work, commit. */
async function runAttempt<T>(
  db: pg.Pool | pg.ClientBase,
  work: (client: pg.PoolClient) => Promise<T>,
  options: TransactionOptions,
  claim: IdempotencyClaim | undefined,
  attempt: Attempt<T>,
): Promise<T> {
  const isOwnConnection = db instanceof pg.Pool;
  const client = isOwnConnection ? await db.connect() : (db as pg.PoolClient);
  let broken: Error | undefined;
  // A connection lost under a query is also emitted as `error` on its client, which would end the
  // process unhandled; the failing query reports it here.
  client.on('error', ignoreLostConnection);
  try {
    attempt.phase = 'work';
    await client.query(options.mode ? `BEGIN ${options.mode}` : 'BEGIN');
    // Checked here, not when the transaction was asked for: another transaction of the same
    // request running beside this one may have taken the claim meanwhile.
    if (claim?.state === 'open') {
      claim.state = 'inserted';
      attempt.hasClaimed = true;
      await claimIdempotencyKey(client, claim);
    }
    const value = await work(client);
    attempt.result = { value };
    attempt.phase = 'commit';
    await client.query('COMMIT');
    if (attempt.hasClaimed) claim!.state = 'committed';
    return value;
  } catch (error) {
    // Rolled back (or, at a lost COMMIT, unknown until the retry asks): a later try claims again.
    if (attempt.hasClaimed) claim!.state = 'open';
    // A session the server ended (idle_in_transaction_session_timeout) cannot roll back: drop it.
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    // A session on a node that went read-only stays there: drop it so the pool reconnects
    // through the proxy to the new primary.
    if (isFailoverError(error)) broken ??= error as Error;
    throw error;
  } finally {
    client.off('error', ignoreLostConnection);
    if (isOwnConnection) client.release(broken);
  }
}

function ignoreLostConnection(): void {}
