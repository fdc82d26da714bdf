import { availableParallelism } from 'node:os';
import type { RunningServer } from '@portvakt/server';
import { readConfig, type Config } from '@portvakt/server/config';
import type { Command } from 'commander';
import { stopOnSignals } from './stop-on-signals';
import { describeMissingWebConsole } from './web-console-build';
import { isClusterWorker, parseWorkerCount, runClusterPrimary, runClusterWorker } from './start-cluster';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Start the server (embedded PostgreSQL under DATA_DIR unless DATABASE_URL is set).')
    .option(
      '--workers <n>',
      'server processes sharing the port: a number, or auto for one per processor (default: PORTVAKT_WORKERS or 1)',
    )
    .option(
      '--lock-sim',
      'also serve simulated locks at /lock-sim/{lockId} for a trial or demo (refused when NODE_ENV=production; with PORTVAKT_TOKEN, every installed lock is enrolled and served)',
    )
    .addHelpText(
      'after',
      '\nEnvironment:\n  PORT (8080), HOST (0.0.0.0), DATA_DIR (./data), DATABASE_URL, PORTVAKT_SECRET_KEY, COOKIE_SECURE (true), LOG_LEVEL (info), PORTVAKT_WORKERS (1), PORTVAKT_LOCK_SIM (1: as --lock-sim), PORTVAKT_TOKEN (for --lock-sim)',
    )
    .action(async (options: { workers?: string; lockSim?: boolean }) => {
      const config = readConfig();
      const isLockSim = options.lockSim === true || process.env.PORTVAKT_LOCK_SIM === '1';
      if (isLockSim) return startWithLockSim(config);
      if (isClusterWorker()) return runClusterWorker(config);
      const workers = parseWorkerCount(
        options.workers ?? (process.env.PORTVAKT_WORKERS || '1'),
        availableParallelism(),
      );
      console.log(
        config.databaseUrl
          ? 'Connecting to PostgreSQL at DATABASE_URL…'
          : `Starting embedded PostgreSQL in ${config.dataDir}…`,
      );
      const { url } = workers > 1 ? await runClusterPrimary(config, workers) : await startOneProcess(config);
      const local = `http://localhost:${new URL(url).port}`;
      const where = config.host === '0.0.0.0' || config.host === '::' ? 'all interfaces' : config.host;
      const processes = workers > 1 ? ` with ${workers} worker processes` : '';
      console.log(`Portvakt is listening on ${where}${processes}: ${local} (API docs: ${local}/api/docs)`);
      const missingConsole = describeMissingWebConsole();
      if (missingConsole) console.log(missingConsole);
    });
}

/**
 * The server with simulated locks in the same process (docs/device-gateway.md "Simulated locks"):
 * one process, no workers. Never in production: a simulated lock's key is enrolled in place of
 * the real lock's.
 */
async function startWithLockSim(config: Config): Promise<void> {
  if (process.env.NODE_ENV === 'production')
    throw new Error('--lock-sim replaces real locks’ keys: it is refused when NODE_ENV=production');
  const running: { server?: RunningServer } = {};
  stopOnSignals('Portvakt, the simulated locks and PostgreSQL', async () => running.server?.stop());
  const [{ startServer }, { createLoggingLockSimHost, enrolSimulatedLocks }] = await Promise.all([
    import('@portvakt/server'),
    import('./lock-sim'),
  ]);
  const host = createLoggingLockSimHost(console.log);
  running.server = await startServer(config, console.log, undefined, { lockLoopback: host });
  const local = `http://localhost:${new URL(running.server.url).port}`;
  const token = process.env.PORTVAKT_TOKEN;
  if (token) {
    const locks = await enrolSimulatedLocks({ serverUrl: local, token, locks: 'all' }, host);
    console.log(`Simulating ${locks.length} lock(s) at ${local.replace(/^http/, 'ws')}/lock-sim/{lockId}`);
  } else {
    console.log(
      'Serving simulated locks at /lock-sim/{lockId}; set PORTVAKT_TOKEN to enrol the installed ones.',
    );
  }
  console.log(`Portvakt is listening: ${local} (API docs: ${local}/api/docs)`);
  const missingConsole = describeMissingWebConsole();
  if (missingConsole) console.log(missingConsole);
}

/** The server in this one process, stopped (after its requests) on Ctrl-C or SIGTERM. */
async function startOneProcess(config: Config): Promise<{ url: string }> {
  const running: { server?: RunningServer } = {};
  stopOnSignals('Portvakt and PostgreSQL', async () => running.server?.stop());
  const { startServer } = await import('@portvakt/server');
  running.server = await startServer(config);
  return { url: running.server.url };
}
