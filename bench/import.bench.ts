// `npm run bench -- import`: a care-system import of 100,000 rows (docs/imports.md) on the real
// product: districts, providers, teams, customers with their services, staff and their team
// memberships, as CSV with Swedish headers, through the same `startImport` as POST /api/v1/imports
// and `portvakt import`, every row through the registry's write path in one transaction.
// Measured in the same run: its dry run (read, compare, diff; nothing written) and a 10,000-row
// import of the same shape into another municipality, the baseline of `ratio_100k_to_10k`
// (10 = linear). A progress bar on stderr. Ends with one JSON line; removes its data dir.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Actor } from '@portvakt/core';
import { hashPassword, startImport } from '@portvakt/server';
import { insertMunicipality, insertUser, migrate, openDatabase } from '@portvakt/storage';

const rowsWanted = Number(process.env.IMPORT_BENCH_ROWS ?? 100_000);
const now = new Date();

/** Files of about `rows` rows: per 20 rows, 9 customers, 9 services, 1 staff member, 1 membership. */
function buildFiles(rows: number) {
  const districts = 10;
  const providers = 10;
  const teamsPerProvider = 10;
  const groups = Math.max(1, Math.floor((rows - districts - providers - providers * teamsPerProvider) / 20));
  const csv = (header: string[], lines: string[][]) =>
    `\uFEFF${[header, ...lines].map((cells) => cells.join(';')).join('\n')}\n`;
  const district = (i: number) => `D${i % districts}`;
  const provider = (i: number) => `U${i % providers}`;
  const team = (i: number) => `T${i % (providers * teamsPerProvider)}`;
  const day = (i: number) => `20${String(20 + (i % 6))}-0${1 + (i % 9)}-1${i % 9}`;
  const customers: string[][] = [];
  const services: string[][] = [];
  const staff: string[][] = [];
  const memberships: string[][] = [];
  for (let g = 0; g < groups; g += 1) {
    for (let c = 0; c < 9; c += 1) {
      const n = g * 9 + c;
      customers.push([`K${n}`, district(n), `Förnamn${n % 97}`, `Efternamn${n % 389}`]);
      services.push([`I${n}`, `K${n}`, 'home_care', provider(n), day(n), '']);
    }
    staff.push([`P${g}`, provider(g), `Personal${g % 53}`, `Efternamn${g % 211}`, `EMP-${g}`, day(g)]);
    // team(g) belongs to provider(g): teams are numbered so that T{i} is provider U{i % 10}'s.
    memberships.push([`M${g}`, team(g), `P${g}`, `${day(g)}T06:00:00Z`, '']);
  }
  return [
    {
      name: 'omraden.csv',
      content: csv(
        ['kod', 'namn'],
        Array.from({ length: districts }, (_, i) => [`D${i}`, `Område ${i}`]),
      ),
    },
    {
      name: 'utforare.csv',
      content: csv(
        ['id', 'namn', 'regi', 'verksamheter'],
        Array.from({ length: providers }, (_, i) => [`U${i}`, `Utförare ${i}`, 'private', 'day_home_care']),
      ),
    },
    {
      name: 'team.csv',
      content: csv(
        ['id', 'utförar-id', 'område', 'namn'],
        Array.from({ length: providers * teamsPerProvider }, (_, i) => [
          `T${i}`,
          provider(i),
          district(i),
          `Team ${i}`,
        ]),
      ),
    },
    { name: 'kunder.csv', content: csv(['kund-id', 'område', 'förnamn', 'efternamn'], customers) },
    {
      name: 'insatser.csv',
      content: csv(['insats-id', 'kund-id', 'insats', 'utförar-id', 'från', 'till'], services),
    },
    {
      name: 'personal.csv',
      content: csv(
        ['personal-id', 'utförar-id', 'förnamn', 'efternamn', 'anställningsnummer', 'anställd från'],
        staff,
      ),
    },
    {
      name: 'teammedlemskap.csv',
      content: csv(['medlemskaps-id', 'team-id', 'personal-id', 'från', 'till'], memberships),
    },
  ];
}

const countRows = (files: ReturnType<typeof buildFiles>) =>
  files.reduce((sum, file) => sum + file.content.trim().split('\n').length - 1, 0);

const dataDir = await mkdtemp(join(tmpdir(), 'portvakt-bench-import-'));
// Embedded PostgreSQL runs as an unprivileged user when the bench runs as root.
await chmod(dataDir, 0o755);
try {
  const database = await openDatabase({ dataDir });
  const pool = database.pool;
  try {
    await migrate(pool);
    const passwordHash = await hashPassword('bench-import-password');
    const actorFor = async (code: string): Promise<Actor> => {
      const municipalityId = await insertMunicipality(pool, { code, name: `Importkommun ${code}` });
      const id = await insertUser(pool, {
        municipalityId,
        username: `bench.import.${code}`,
        displayName: 'Bench admin',
        passwordHash,
        role: 'municipality_admin',
      });
      return {
        kind: 'user',
        id,
        label: `bench.import.${code}`,
        role: 'municipality_admin',
        municipalityId,
        providerId: null,
        isReadOnly: false,
      };
    };
    const run = async (actor: Actor, files: ReturnType<typeof buildFiles>, isDryRun: boolean) => {
      const bar = new SingleBar(
        {
          format: `${isDryRun ? 'dry run' : 'import'} {bar} {percentage}% {value}/{total} changes`,
          stream: process.stderr,
          noTTYOutput: true,
          notTTYSchedule: 5000,
        },
        Presets.shades_classic,
      );
      let isStarted = false;
      const start = performance.now();
      const started = await startImport({
        db: pool,
        actor,
        requestId: 'bench',
        now,
        input: { files, isDryRun, isFull: true },
        onProgress: (done, total) => {
          if (!isStarted) bar.start(total, done);
          isStarted = true;
          bar.update(done);
        },
      });
      await started.done;
      if (isStarted) bar.stop();
      const seconds = (performance.now() - start) / 1000;
      console.log(
        `  ${isDryRun ? 'dry run' : 'import'} of ${countRows(files)} rows: ${seconds.toFixed(1)} s (${started.outcome.created} created)`,
      );
      return seconds;
    };
    const small = buildFiles(rowsWanted / 10);
    const large = buildFiles(rowsWanted);
    console.log(`baseline: ${countRows(small)} rows into municipality B10K`);
    const smallSeconds = await run(await actorFor('B10K'), small, false);
    const largeActor = await actorFor('B100K');
    console.log(`${countRows(large)} rows into municipality B100K`);
    const drySeconds = await run(largeActor, large, true);
    const largeSeconds = await run(largeActor, large, false);
    console.log(
      JSON.stringify({
        bench: 'import',
        rows: countRows(large),
        import_s: Number(largeSeconds.toFixed(1)),
        rows_per_s: Math.round(countRows(large) / largeSeconds),
        dry_run_s: Number(drySeconds.toFixed(1)),
        baseline_rows: countRows(small),
        baseline_import_s: Number(smallSeconds.toFixed(1)),
        ratio_100k_to_10k: Number((largeSeconds / smallSeconds).toFixed(2)),
        ratio_import_to_dry_run: Number((largeSeconds / drySeconds).toFixed(2)),
      }),
    );
  } finally {
    await database.close();
  }
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
