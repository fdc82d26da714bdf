import { verifyEventLog } from '@portvakt/storage';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { withMigratedDatabase } from './configured-database';
import { findMunicipalityOption } from './municipality-option';

export function registerVerifyLogCommand(program: Command): void {
  program
    .command('verify-log')
    .description(
      'Re-verify every stored event chain, chain-head signature and head ledger, find deleted records, and verify the audit trail link by link and against its signed checkpoints; exit 1 on any finding.',
    )
    .option('--municipality <code-or-id>', 'only this municipality, by its code (e.g. 0180) or its id')
    .action(async (options: { municipality?: string }) => {
      const bar = new SingleBar(
        { format: 'verify-log [{bar}] {percentage}% {value}/{total} records', hideCursor: true },
        Presets.shades_classic,
      );
      try {
        await withMigratedDatabase(async (pool) => {
          const municipality =
            options.municipality === undefined
              ? undefined
              : await findMunicipalityOption(pool, options.municipality);
          let isStarted = false;
          const result = await verifyEventLog(pool, {
            ...(municipality ? { municipalityId: municipality.id } : {}),
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
            `Checked ${result.records} records of ${result.devices} devices and ${result.heads} signed chain heads` +
              (result.retentionRemoved > 0
                ? ` (${result.retentionRemoved} removed by retention, not findings)`
                : '') +
              '.',
          );
          console.log(
            `Checked ${result.auditEntries} audit entries in ${result.auditChains} chain(s), each linked to the one before, ` +
              `against ${result.checkpoints} signed checkpoint(s)` +
              (result.checkpoints === 0 && result.auditEntries > 0
                ? ' (none signed yet: the running server signs one every hour; until then the chain itself is checked).'
                : '.'),
          );
          for (const finding of result.findings) console.log(`  ${finding.kind}: ${finding.message}`);
          if (result.findings.length > 0) {
            console.log(`${result.findings.length} finding(s).`);
            process.exitCode = 1;
          } else console.log('No findings: every chain, signature and checkpoint verifies.');
        });
      } finally {
        bar.stop();
      }
    });
}
