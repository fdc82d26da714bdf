import { userInfo } from 'node:os';
import { runEventRetention } from '@portvakt/storage';
import type { Command } from 'commander';
import { withMigratedDatabase } from './configured-database';

export function registerPurgeCommand(program: Command): void {
  program
    .command('purge')
    .description(
      'Apply retention now: remove event records (eventRetentionMonths, default 24), audit entries (auditRetentionMonths, default 36) and event read-log rows (eventReadLogRetentionMonths, default 24) older than each municipality’s limit, except what is under legal hold, and create the event log’s monthly partitions for the next 3 months.',
    )
    .option('--dry-run', 'report what would be removed; changes and records nothing')
    .action(async (options: { dryRun?: boolean }) => {
      await withMigratedDatabase(async (pool) => {
        const report = await runEventRetention(pool, {
          trigger: 'manual',
          actor: `cli:${userInfo().username}`,
          isDryRun: options.dryRun === true,
        });
        if (report.isSkipped) {
          console.log('Another retention run is in progress; nothing done.');
          return;
        }
        const would = (done: string, wouldDo: string) => (report.isDryRun ? wouldDo : done);
        console.log(
          `${would('Removed', 'Would remove')} ${report.rowsRemoved} event record(s); kept ${report.rowsHeld} under legal hold.`,
        );
        console.log(
          `${would('Removed', 'Would remove')} ${report.auditEntriesRemoved} audit entr(y/ies) and ` +
            `${report.readLogRowsRemoved} event read-log row(s) (a signed chain cut keeps the rest verifiable).`,
        );
        for (const [municipality, cutoff] of Object.entries(report.cutoffs))
          console.log(
            `  ${municipality}: events before ${cutoff}, audit before ${report.auditCutoffs[municipality]}, ` +
              `reads before ${report.readLogCutoffs[municipality]}`,
          );
        if (report.partitionsDropped.length > 0)
          console.log(`${would('Dropped', 'Would drop')} partitions: ${report.partitionsDropped.join(', ')}`);
        if (report.partitionsCreated.length > 0)
          console.log(
            `${would('Created', 'Would create')} partitions: ${report.partitionsCreated.join(', ')}`,
          );
        console.log(
          report.isDryRun
            ? 'Dry run: nothing changed, nothing recorded.'
            : `Recorded as retention run ${report.runId}.`,
        );
      });
    });
}
