import { readConfig, type Config } from '@portvakt/server/config';
import { migrate, openDatabase, type Database, type Migration } from '@portvakt/storage';

/**
 * Runs a command's work on the configured database with its schema brought up to date first (a
 * command may be the first thing run against a new data directory), and closes the database
 * however the work ends, so an embedded PostgreSQL never outlives the command.
 */
export async function withMigratedDatabase(
  work: (pool: Database['pool'], config: Config) => Promise<void>,
  options: { onApplied?: (migration: Migration) => void } = {},
): Promise<void> {
  const config = readConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database.pool, options);
    await work(database.pool, config);
  } finally {
    await database.close();
  }
}
