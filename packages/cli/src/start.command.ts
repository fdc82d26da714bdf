import { availableParallelism } from 'node:os';
import { readConfig, startServer, type Config } from '@portvakt/server';
import type { Command } from 'commander';
import { stopOnSignals } from './stop-on-signals';
import { isClusterWorker, parseWorkerCount, runClusterPrimary, runClusterWorker } from './start-cluster';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Start the server (embedded PostgreSQL under DATA_DIR unless DATABASE_URL is set).')
    .option(
      '--workers <n>',
      'server processes sharing the port: a number, or auto for one per processor (default: PORTVAKT_WORKERS or 1)',
    )
    .addHelpText(
      'after',
      '\nEnvironment:\n  PORT (8080), HOST (0.0.0.0), DATA_DIR (./data), DATABASE_URL, PORTVAKT_SECRET_KEY, COOKIE_SECURE (true), LOG_LEVEL (info), PORTVAKT_WORKERS (1)',
    )
    .action(async (options: { workers?: string }) => {
      const config = readConfig();
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
    });
}

/** The server in this one process, stopped (after its requests) on Ctrl-C or SIGTERM. */
async function startOneProcess(config: Config): Promise<{ url: string }> {
  const running: { server?: Awaited<ReturnType<typeof startServer>> } = {};
  stopOnSignals('Portvakt and PostgreSQL', async () => running.server?.stop());
  running.server = await startServer(config);
  return { url: running.server.url };
}
