// `portvakt start --workers N`: N identical server processes on one port (Node's cluster module),
// on one database. The primary process serves nothing itself: it starts the embedded PostgreSQL
// (or checks DATABASE_URL), migrates once, makes sure the master key exists, then starts the
// workers and hands each the database's connection; it restarts a worker that crashes, and on
// Ctrl-C or SIGTERM lets every worker finish its requests before it stops PostgreSQL. Nothing a
// request needs lives only in one process (docs/operations.md "Several server processes").
import cluster, { type Worker } from 'node:cluster';
import type { RunningServer } from '@portvakt/server';
import { loadMasterKey, type Config } from '@portvakt/server/config';
import { stopOnSignals } from './stop-on-signals';
import {
  defaultPoolSize,
  migrate,
  openDatabase,
  readFreeConnections,
  type Database,
} from '@portvakt/storage';

/** What the primary tells a worker through its environment. */
const slotVariable = 'PORTVAKT_WORKER_SLOT';
const databaseModeVariable = 'PORTVAKT_WORKER_DATABASE_MODE';
/** How long a stopping worker may take to finish its requests before it is killed. */
const stopTimeoutMs = 30_000;

type WorkerMessage = { kind: 'listening'; url: string };

export function isClusterWorker(): boolean {
  return cluster.isWorker && process.env[slotVariable] !== undefined;
}

/** The largest `--workers` accepted: more processes than this only add connections and memory. */
export const maxWorkers = 32;

/** Parses `--workers`: a whole number from 1 to maxWorkers, or `auto` (one per processor). */
export function parseWorkerCount(text: string, processors: number): number {
  if (text === 'auto') return Math.max(1, Math.min(maxWorkers, processors));
  const count = Number(text);
  if (!/^[0-9]+$/.test(text) || count < 1 || count > maxWorkers) {
    throw new Error(`--workers must be a whole number from 1 to ${maxWorkers}, or auto, not "${text}".`);
  }
  return count;
}

/** A worker process: serves HTTP on the port the primary shares, and stops on a signal. */
export async function runClusterWorker(config: Config): Promise<void> {
  const slot = Number(process.env[slotVariable]);
  // Listened for before the server starts: Ctrl-C reaches every process in the group, and a worker
  // still starting (a replacement, say) must close what it opened rather than die half-way.
  let isStopRequested = false;
  let server: RunningServer | undefined;
  const stop = () => {
    isStopRequested = true;
    if (!server) return;
    const stopping = server;
    server = undefined;
    stopping.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`worker ${slot}: could not stop cleanly: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The app is loaded here, not at the top: the primary, which only forks and watches, never loads it.
  const { startServer } = await import('@portvakt/server');
  server = await startServer(config, console.log, {
    databaseMode: process.env[databaseModeVariable] === 'embedded' ? 'embedded' : 'external',
    isJobRunner: slot === 0,
  });
  if (isStopRequested) return stop();
  process.send?.({ kind: 'listening', url: server.url } satisfies WorkerMessage);
}

/**
 * The primary process. Resolves with the address once every worker listens; rejects (having
 * stopped everything) when the database cannot be opened or a worker fails to start.
 */
export async function runClusterPrimary(
  config: Config,
  workerCount: number,
  log: (line: string) => void = console.log,
): Promise<{ url: string }> {
  let database: Database | undefined;
  const workers = new Map<number, Worker>();
  let isStopping = false;
  let stopped: Promise<void> | undefined;

  const stopAll = (): Promise<void> =>
    (stopped ??= (async () => {
      isStopping = true;
      await Promise.all(
        [...workers.values()].map(async (worker) => {
          if (worker.isDead()) return;
          const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
          worker.process.kill('SIGTERM');
          const timer = setTimeout(() => worker.process.kill('SIGKILL'), stopTimeoutMs);
          await exited;
          clearTimeout(timer);
        }),
      );
      await database?.close();
    })());

  const onSignal = stopOnSignals(`${workerCount} Portvakt workers and PostgreSQL`, stopAll, log);

  try {
    // One small pool: the primary only migrates; the workers bring their own pools.
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
    const result = await migrate(database.pool);
    if (result.applied.length > 0) log(`Applied migrations: ${result.applied.join(', ')}`);
    // Generated here once when missing, so the workers all read the same key.
    await loadMasterKey(config.secretKey, config.dataDir);
    // Each worker opens its whole pool at start: say so now rather than fail under load.
    const needed = workerCount * defaultPoolSize;
    const free = await readFreeConnections(database.pool);
    if (needed > free) {
      throw new Error(
        `--workers ${workerCount} needs ${needed} database connections (${defaultPoolSize} per worker), but PostgreSQL accepts ${free} more (max_connections). Start fewer workers or raise max_connections.`,
      );
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  const env = {
    DATABASE_URL: database.connection.url,
    MIGRATION_DATABASE_URL: database.connection.migrationUrl ?? '',
    [databaseModeVariable]: database.mode,
  };

  /** Starts the worker for `slot`; resolves with its address once it listens. */
  const startWorker = (slot: number): Promise<string> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork({ ...env, [slotVariable]: String(slot) });
      workers.set(slot, worker);
      let isListening = false;
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind !== 'listening') return;
        isListening = true;
        resolve(message.url);
      });
      worker.once('exit', (code, signal) => {
        // Told to stop: a worker that ends cleanly, or dies of SIGINT/SIGTERM before it listens
        // (Ctrl-C reaches the whole group, sometimes before the primary has run its own handler).
        // The stop ends the process (exit 0 after `Stopped cleanly`); a start cut short by it is
        // left pending, neither a success nor a failure.
        const isStopSignal = signal === 'SIGINT' || signal === 'SIGTERM';
        if (isStopping || code === 0 || (!isListening && isStopSignal)) {
          return onSignal(signal ?? 'a worker stopped');
        }
        if (!isListening) {
          reject(new Error(`worker ${slot} stopped before it listened (${signal ?? `exit ${code}`}).`));
          return;
        }
        log(`worker ${slot} ended (${signal ?? `exit ${code}`}); starting a new one`);
        startWorker(slot).then(
          () => {
            if (!isStopping) log(`worker ${slot} is serving again`);
          },
          (error: unknown) => {
            if (isStopping) return;
            console.error(`portvakt: ${(error as Error).message}`);
            void stopAll().then(() => process.exit(1));
          },
        );
      });
    });

  try {
    const urls = await Promise.all(Array.from({ length: workerCount }, (_, slot) => startWorker(slot)));
    return { url: urls[0]! };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
