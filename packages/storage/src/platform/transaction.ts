import pg from 'pg';

export interface TransactionOptions {
  /** e.g. `ISOLATION LEVEL REPEATABLE READ READ ONLY` for a consistent multi-statement read. */
  mode?: 'ISOLATION LEVEL REPEATABLE READ READ ONLY' | 'ISOLATION LEVEL SERIALIZABLE';
}

/**
 * The one transaction helper: runs `work` in one transaction, so everything it wrote is kept or
 * nothing is. Given a pool it takes one connection for the whole transaction and returns it;
 * given a client it uses that session (e.g. one holding an advisory lock) and leaves it open.
 * `work` must use only `client` for the database, never the pool: waiting for a second
 * connection while holding this one is how a burst of requests exhausts the pool
 * (docs/device-gateway.md "Connections").
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
  const isOwnConnection = db instanceof pg.Pool;
  const client = isOwnConnection ? await db.connect() : (db as pg.PoolClient);
  let broken: Error | undefined;
  try {
    await client.query(options.mode ? `BEGIN ${options.mode}` : 'BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A session the server ended (idle_in_transaction_session_timeout) cannot roll back: drop it.
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    if (isOwnConnection) client.release(broken);
  }
}
