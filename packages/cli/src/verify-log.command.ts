import { readConfig } from '@portvakt/server';
import { migrate, openDatabase, verifyEventLog } from '@portvakt/storage';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';

export function registerVerifyLogCommand(program: Command): void {
  program
    .command('verify-log')
    .description(
      'Re-verify every stored event chain and chain-head signature, and the audit trail’s signed checkpoints; exit 1 on any finding.',
    )
    .option('--municipality <id>', 'only this municipality (UUID)')
    .action(async (options: { municipality?: string }) => {
      const config = readConfig();
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      const bar = new SingleBar(
        { format: 'verify-log [{bar}] {percentage}% {value}/{total} records', hideCursor: true },
        Presets.shades_classic,
      );
      try {
        await migrate(database.pool);
        let isStarted = false;
        const result = await verifyEventLog(database.pool, {
          ...(options.municipality ? { municipalityId: options.municipality } : {}),
          onProgress: (done, total) => {
            if (!isStarted) {
              bar.start(total, 0);
              isStarted = true;
            }
            bar.update(done);
          },
        });
        if (isStarted) bar.stop();
        console.log(
          `Checked ${result.records} records of ${result.devices} devices, ${result.heads} signed chain heads, ` +
            `${result.auditEntries} audit entries against ${result.checkpoints} checkpoints.`,
        );
        for (const finding of result.findings) console.log(`  ${finding.kind}: ${finding.message}`);
        if (result.findings.length > 0) {
          console.log(`${result.findings.length} finding(s).`);
          process.exitCode = 1;
        } else console.log('No findings: every chain, signature and checkpoint verifies.');
      } finally {
        bar.stop();
        await database.close();
      }
    });
}
