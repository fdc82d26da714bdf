// `portvakt demo`'s work: embedded PostgreSQL in its own data directory, the server on the
// simulation's clock, the demo municipality seeded at the simulated start, and the district
// simulation driving real devices against the server's device gateway (docs/demo.md).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMasterKey, readConfig, startServer, type RunningServer } from '@portvakt/server';
import {
  createHttpDistrictIssuer,
  createSleepingPacer,
  DistrictSimulation,
  SimulationClock,
  type Pacer,
  type SimulationEvent,
} from '@portvakt/simulation';
import { readDemoDistrict, type DemoDistrict } from './demo-district';
import { loginDemoAdmin, type DemoAdmin } from './demo-admin';
import { sayDemoEvent } from './demo-lines';
import { demoMunicipality, demoPassword, seedDemo } from './seed-demo';

export interface DemoOptions {
  port: number;
  host: string;
  dataDir: string;
  /** Real minutes per simulated day. */
  dayMinutes: number;
  seed: number;
  /** Keep the data directory of an earlier run (and its demo municipality). */
  isKeep: boolean;
  /** How many days before today the simulation starts (so it stays behind the real clock). */
  daysBack: number;
  log: (line: string) => void;
}

export interface RunningDemo {
  url: string;
  stop(): Promise<void>;
}

const marker = '.portvakt-demo';

/** Start of the simulation: 06:50 UTC `daysBack` days ago, so the day shift starts at once. */
export function chooseDemoStart(realNowSeconds: number, daysBack: number): number {
  return (Math.floor(realNowSeconds / 86400) - daysBack) * 86400 + 6 * 3600 + 50 * 60;
}

/**
 * A pacer that never lets simulated time pass the real time: at `speed` until the simulation
 * catches up with the machine's clock, then in step with it.
 */
export function createDemoPacer(clock: SimulationClock, speed: number, isStopped: () => boolean): Pacer {
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const fast = createSleepingPacer({ speed, sleep, isStopped });
  return {
    wait: async (simulatedSeconds) => {
      await fast.wait(simulatedSeconds);
      const target = clock.now() + simulatedSeconds;
      while (!isStopped() && target * 1000 > Date.now())
        await sleep(Math.min(250, target * 1000 - Date.now()));
    },
  };
}

function prepareDataDir(dataDir: string, isKeep: boolean): void {
  if (existsSync(dataDir) && !isKeep) {
    if (!existsSync(join(dataDir, marker)))
      throw new Error(`${dataDir} exists and is not a demo data directory; choose another with --data-dir`);
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, marker), 'Data of `portvakt demo`; removed by the next run unless --keep.\n');
}

const clockText = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ');

/** Starts everything; the caller stops it (Ctrl-C). */
export async function startDemo(options: DemoOptions, running: { demo?: RunningDemo }): Promise<RunningDemo> {
  const { log } = options;
  prepareDataDir(options.dataDir, options.isKeep);
  const start = chooseDemoStart(Math.floor(Date.now() / 1000), options.daysBack);
  const clock = new SimulationClock(start);
  const config = {
    ...readConfig({ ...process.env, PORT: String(options.port), HOST: options.host }),
    databaseUrl: undefined,
    dataDir: options.dataDir,
    // The demo's own lines are what to read; requests are not logged unless LOG_LEVEL says so.
    logLevel: process.env.LOG_LEVEL ?? 'warn',
  };
  log(`Starting embedded PostgreSQL in ${options.dataDir}…`);
  const parts: { server?: RunningServer; simulation?: DistrictSimulation } = {};
  let isStopped = false;
  let done: Promise<void> = Promise.resolve();
  const demo: RunningDemo = {
    url: '',
    async stop() {
      isStopped = true;
      parts.simulation?.stop();
      await done;
      await parts.server?.stop();
    },
  };
  running.demo = demo;
  const server = await startServer(config, log, undefined, { now: () => new Date(clock.now() * 1000) });
  parts.server = server;
  const url = `http://localhost:${new URL(server.url).port}`;
  demo.url = url;
  if (isStopped) return demo;
  log(`Seeding ${demoMunicipality.name} as of ${clockText(start)} UTC…`);
  const seeded = await seedDemo(server.database.pool, {
    now: new Date(start * 1000),
    masterKey: await loadMasterKey(config.secretKey, config.dataDir),
  });
  const admin = await loginDemoAdmin(url);
  // seed-demo enrolled the locks of its week of events; enrolling them again is refused.
  const enrolled = (await admin.get('/api/v1/devices?kind=lock')).items as Array<{
    lockDeviceId: string | null;
  }>;
  const demoDistrict = await readDemoDistrict({
    enrolledLockIds: new Set(
      enrolled.flatMap((device) => (device.lockDeviceId ? [device.lockDeviceId] : [])),
    ),
    pool: server.database.pool,
    municipalityId: seeded.municipalityId,
    listAll: (path) => admin.listAll(path),
    start,
    seed: options.seed,
  });
  const { district } = demoDistrict;
  log(
    `District: ${district.customers.length} customers, ${district.locks.length} locks, ${district.staff.length} staff in ${district.teams.length} teams; enrolling devices…`,
  );
  const issuer = await createHttpDistrictIssuer({
    baseUrl: url,
    token: admin.token,
    world: clock,
    lockIdOf: demoDistrict.lockIdOf,
    providerOf: demoDistrict.providerOf,
    displayNameOf: demoDistrict.staffNameOf,
  });
  const speed = 86400 / (options.dayMinutes * 60);
  const simulation = await DistrictSimulation.create({
    district,
    issuer,
    clock,
    seed: options.seed,
    pacer: createDemoPacer(clock, speed, () => isStopped),
    alarmRate: 1.5,
    losses: { count: 1, from: 2 * 3600, until: 4 * 3600 },
    isPhoneUploadAfterVisit: true,
  });
  parts.simulation = simulation;
  printWelcome(log, url, options, start);
  followSimulation(simulation, demoDistrict, admin, log, start);
  done = simulation.runUntil(Number.MAX_SAFE_INTEGER).catch((error: unknown) => {
    if (!isStopped) log(`The simulation stopped: ${(error as Error).message}`);
  });
  return demo;
}

function printWelcome(log: (line: string) => void, url: string, options: DemoOptions, start: number): void {
  log('');
  log(`Portvakt demo is running: ${url}`);
  log(`  Open ${url}/live for the live view, or ${url}/ for the console.`);
  log(`  Log in as demo.admin (or demo.arbetsledare, demo.support) with the password ${demoPassword}.`);
  log(
    `  Simulated time starts ${clockText(start)} UTC (${options.daysBack} days back) and runs a day in ${options.dayMinutes} minutes.`,
  );
  log('  Ctrl-C stops the simulation, the server and PostgreSQL.');
  log('');
}

/**
 * Prints progress each simulated hour and the moments worth watching; files the emergency report.
 * An hour's line comes with its first event and counts what happened before that hour began, so
 * the hour the simulation starts in (`start`, seconds) has none: it would be all zeros, stamped
 * before the start.
 */
function followSimulation(
  simulation: DistrictSimulation,
  demoDistrict: DemoDistrict,
  admin: DemoAdmin,
  log: (line: string) => void,
  start: number,
): void {
  const counts = { openings: 0, refused: 0, visits: 0, alarms: 0, blocks: 0, learned: 0 };
  let lastHour = Math.floor(start / 3600);
  let hasReportedEmergency = false;
  let blockedVersion = Infinity;
  const at = (event: SimulationEvent) => `[${clockText(event.at)}]`;
  simulation.subscribe((event) => {
    const hour = Math.floor(event.at / 3600);
    if (hour !== lastHour) {
      lastHour = hour;
      const lowest = Math.min(...simulation.lockStates().map((lock) => lock.batteryPercent));
      log(
        `[${clockText(hour * 3600)}] openings ${counts.openings} (refused ${counts.refused}), visits ${counts.visits}, alarms ${counts.alarms}, keys blocked ${counts.blocks}, locks that learned a block ${counts.learned}, lowest battery ${lowest.toFixed(1)} %`,
      );
    }
    if (event.type === 'key-blocked') blockedVersion = Math.min(blockedVersion, event.version);
    const line = sayDemoEvent(event, demoDistrict, blockedVersion);
    if (line) log(line);
    switch (event.type) {
      case 'opening':
        counts.openings += 1;
        if (!event.isOpen) {
          counts.refused += 1;
          if (event.purpose === 'night-patrol' && event.customer && !hasReportedEmergency) {
            hasReportedEmergency = true;
            // A lock hands its records only to a key it has just opened (docs/protocol.md §6), so
            // the refused phone has nothing of it to upload.
            log(
              `${at(event)} (the lock keeps its record of the refusal until a key it opens collects it: the event log and /live show it after that key's next upload)`,
            );
            void admin
              .post('/api/v1/emergency-openings', {
                customerId: event.customer,
                doorId: demoDistrict.doorIdOf(event.lock),
                providerId: demoDistrict.emergencyProviderOf(event.customer),
                description: 'Nattpatrullen kommer inte in: låset nekade nyckeln (demo).',
              })
              .then(
                (opening) => log(`${at(event)} emergency opening requested (${String(opening.id)})`),
                (error: unknown) =>
                  log(`${at(event)} emergency opening request failed: ${(error as Error).message}`),
              );
          }
        }
        break;
      case 'visit':
        counts.visits += 1;
        break;
      case 'alarm-raised':
        counts.alarms += 1;
        break;
      case 'key-blocked':
        counts.blocks += 1;
        break;
      case 'block-list-learned':
        if (event.version >= blockedVersion) counts.learned += 1;
        break;
      default:
        break;
    }
  });
}
