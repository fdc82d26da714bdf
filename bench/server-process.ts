// The real server for benchmarks: a child process running `portvakt start` (with the Node flags
// the product starts with) on a data directory the bench prepared, on loopback only. The load and
// visits benches share it.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { portvaktBin, readServerNodeFlags } from '@portvakt/cli/node-flags';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ServerProcess {
  baseUrl: string;
  /** The server's process id, for CPU accounting. */
  pid: number | undefined;
  /** Stops the server (SIGTERM, SIGKILL after 30 s); does nothing once it has exited. */
  stop(): Promise<void>;
}

async function findFreePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  await once(server, 'close');
  return port;
}

export async function startServerProcess(options: {
  dataDir: string;
  secretKey: string;
  workers?: string;
  nodeFlags?: string[];
}): Promise<ServerProcess> {
  const port = await findFreePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...readServerNodeFlags(),
      ...(options.nodeFlags ?? []),
      portvaktBin,
      'start',
      '--workers',
      options.workers ?? '1',
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: options.dataDir,
        PORTVAKT_SECRET_KEY: options.secretKey,
        COOKIE_SECURE: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 180_000);
      child.stdout!.on('data', () => {
        if (output.includes('listening')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl: `http://127.0.0.1:${port}`, pid: child.pid, stop };
}
