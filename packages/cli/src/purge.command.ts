import { userInfo } from 'node:os';
import { readConfig } from '@portvakt/server';
import { migrate, openDatabase, runEventRetention } from '@portvakt/storage';
import type { Command } from 'commander';

export function registerPurgeCommand(program: Command): void {
  program
    .command('purge')
    .description(
      'Apply event-log retention now: drop months older than every municipality’s limit (eventRetentionMonths, default 24), delete older rows, keep legal holds, create months ahead.',
    )
    .option('--dry-run', 'report what would be removed, change nothing')
    .action(async (options: { dryRun?: boolean }) => {
      const config = readConfig();
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await migrate(database.pool);
        const report = await runEventRetention(database.pool, {
          trigger: 'manual',
          actor: `cli:${userInfo().username}`,
          isDryRun: options.dryRun === true,
        });
        if (report.isSkipped) {
          console.log('Another retention run is in progress; nothing done.');
          return;
        }
        const verb = report.isDryRun ? 'Would remove' : 'Removed';
        console.log(
          `${verb} ${report.rowsRemoved} event record(s); kept ${report.rowsHeld} under legal hold.`,
        );
        if (report.partitionsDropped.length > 0)
          console.log(
            `${report.isDryRun ? 'Would drop' : 'Dropped'} partitions: ${report.partitionsDropped.join(', ')}`,
          );
        if (report.partitionsCreated.length > 0)
          console.log(
            `${report.isDryRun ? 'Would create' : 'Created'} partitions: ${report.partitionsCreated.join(', ')}`,
          );
        console.log(`Recorded as retention run ${report.runId}.`);
      } finally {
        await database.close();
      }
    });
}
