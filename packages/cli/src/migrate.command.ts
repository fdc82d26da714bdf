import { readConfig } from '@portvakt/server/config';
import { migrate, openDatabase } from '@portvakt/storage';
import type { Command } from 'commander';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations (start does this too) and say what was applied.')
    .action(async () => {
      const config = readConfig();
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const result = await migrate(database.pool, {
          onApplied: (m) => console.log(`applied ${m.version}_${m.name}`),
        });
        console.log(
          result.applied.length === 0
            ? `Database is up to date (${result.alreadyApplied} migrations).`
            : `Applied ${result.applied.length} migration(s).`,
        );
      } finally {
        await database.close();
      }
    });
}
