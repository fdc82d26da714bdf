import type pg from 'pg';

/**
 * Runs `work` in one transaction: everything it wrote is kept, or nothing is. `work` must use
 * only `client` for the database, never the pool: waiting for a second connection while holding
 * this one is how a burst of requests exhausts the pool (docs/device-gateway.md "Connections").
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
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
    client.release(broken);
  }
}
