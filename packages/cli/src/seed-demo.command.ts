import { performance } from 'node:perf_hooks';
import { loadMasterKey } from '@portvakt/server/config';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { withMigratedDatabase } from './configured-database';
import {
  demoMunicipality,
  demoPassword,
  seedDemo,
  type SeedDemoOptions,
  type SeedDemoResult,
} from './seed-demo';

const helpText = `
Creates "${demoMunicipality.name}" (code ${demoMunicipality.code}), a fictional municipality with 3 districts,
about 40 properties with their entrances, 300 home-care customers with their apartment doors and
access paths, 4 providers (incl. a night patrol and an alarm patrol), 12 teams, 120 staff with
digital keys, and an installed lock on every door on the way in to every customer. A few keys
are blocked or reported lost (on the block list), and a week of simulated openings and refusals
follows the permission model (what \`explain\` allows); no anomaly is planted. It also adds
support cases, two months of emergency openings with a contracted locksmith company, key cabinets
with backup keys, deviation plans and keys returned (docs/support.md, "In the demo").

Runs the migrations first. Safe to run again: when the demo municipality exists nothing is added,
and demo logins that were changed or disabled get the documented password back.

Every demo login (one per role) uses the password "${demoPassword}". Never seed a production
database: anyone who reads this help can log in.

Environment: DATA_DIR (./data), DATABASE_URL`;

export function registerSeedDemoCommand(program: Command): void {
  program
    .command('seed-demo')
    .description(
      'Fill the database with a believable demo municipality (idempotent) and print the demo logins.',
    )
    .addHelpText('after', helpText)
    .action(async () => {
      await withMigratedDatabase(
        async (pool, config) => {
          const startedAt = performance.now();
          const progress = createProgressReporter();
          let result: SeedDemoResult;
          try {
            result = await seedDemo(pool, {
              onProgress: progress.report,
              masterKey: await loadMasterKey(config.secretKey, config.dataDir),
            });
          } finally {
            progress.stop();
          }
          const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
          console.log(
            result.isNew
              ? `Created ${demoMunicipality.name} (${demoMunicipality.code}) in ${seconds} s.`
              : `${demoMunicipality.name} (${demoMunicipality.code}) already exists; nothing added. Demo logins checked.`,
          );
          printCounts(result.counts);
          printLogins(result.logins);
        },
        { onApplied: (m) => console.log(`applied ${m.version}_${m.name}`) },
      );
    });
}

/** A bar on a terminal; plain lines in logs and pipes, where a redrawn bar would be noise. */
function createProgressReporter(): { report: NonNullable<SeedDemoOptions['onProgress']>; stop: () => void } {
  if (!process.stdout.isTTY) {
    return {
      report: (done, total, label) => console.log(`[${done}/${total}] ${label}`),
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: 'Seeding {bar} {value}/{total} {label}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let isStarted = false;
  return {
    report: (done, total, label) => {
      if (!isStarted) {
        bar.start(total, done, { label });
        isStarted = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { label });
      }
    },
    stop: () => {
      if (isStarted) bar.stop();
    },
  };
}

function printCounts(counts: Record<string, number>): void {
  const width = Math.max(...Object.keys(counts).map((name) => name.length));
  console.log('\nRows in the demo municipality:');
  for (const [name, count] of Object.entries(counts))
    console.log(`  ${name.padEnd(width)}  ${String(count).padStart(5)}`);
}

function printLogins(logins: SeedDemoResult['logins']): void {
  const header = { role: 'Role', username: 'Username', password: 'Password', note: 'What it shows' };
  const rows = [header, ...logins];
  const widthOf = (key: keyof typeof header) => Math.max(...rows.map((row) => row[key].length));
  const widths = { role: widthOf('role'), username: widthOf('username'), password: widthOf('password') };
  const line = (row: typeof header) =>
    `  ${row.role.padEnd(widths.role)}  ${row.username.padEnd(widths.username)}  ${row.password.padEnd(widths.password)}  ${row.note}`;
  console.log('\nDemo logins (start the server with `portvakt start` and log in):');
  console.log(line(header));
  console.log(`  ${'-'.repeat(widths.role + widths.username + widths.password + 6 + header.note.length)}`);
  for (const login of logins) console.log(line(login));
}
