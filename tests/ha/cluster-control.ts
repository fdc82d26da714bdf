// The HA test's hands on the cluster deploy/ha/cluster.sh runs: start and stop it, kill its
// processes by the pids it wrote, and ask Patroni and PostgreSQL what state it is in. Every
// process is one the script started under this run's directory; nothing is found by name.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const script = join(root, 'deploy/ha/cluster.sh');

/** Ports as cluster.sh derives them from HA_PORT_BASE. */
export function clusterPorts(base: number) {
  return {
    haproxyPostgres: base + 30,
    haproxyHttp: base + 31,
    postgres: (node: 1 | 2) => base + 9 + node,
    patroniApi: (node: 1 | 2) => base + 19 + node,
    app: (n: 1 | 2) => base + 39 + n,
  };
}

export interface Cluster {
  dir: string;
  ports: ReturnType<typeof clusterPorts>;
  /** Portvakt behind HAProxy. */
  url: string;
  /** The superuser through HAProxy (the current primary), database portvakt. */
  superuserUrl: string;
  /** The superuser on one node directly (database portvakt). */
  nodeUrl(node: 1 | 2): string;
  /** `portvakt_owner` through HAProxy: what `portvakt verify-log` runs as. */
  ownerUrl: string;
  /** Runs one cluster.sh command on this cluster; resolves with its output, rejects on failure. */
  run(command: string, ...args: string[]): Promise<string>;
}

/** Runs `deploy/ha/cluster.sh <command> <dir> …`. */
function runScript(base: number, command: string, dir: string, args: string[], log: (line: string) => void) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn('bash', [script, command, dir, ...args], {
      cwd: root,
      env: { ...process.env, HA_PORT_BASE: String(base) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) log(line);
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`cluster.sh ${command} exited ${code}`)),
    );
  });
}

export async function startCluster(dir: string, base: number, log: (line: string) => void): Promise<Cluster> {
  const run = (command: string, ...args: string[]) => runScript(base, command, dir, args, log);
  await run('up');
  const secret = (name: string) => readFileSync(join(dir, 'secrets', name), 'utf8').trim();
  const ports = clusterPorts(base);
  const superuser = `postgres:${secret('postgres')}@127.0.0.1`;
  return {
    dir,
    ports,
    url: `http://127.0.0.1:${ports.haproxyHttp}`,
    superuserUrl: `postgres://${superuser}:${ports.haproxyPostgres}/portvakt`,
    nodeUrl: (node) => `postgres://${superuser}:${ports.postgres(node)}/portvakt`,
    ownerUrl: `postgres://portvakt_owner:${secret('owner')}@127.0.0.1:${ports.haproxyPostgres}/portvakt`,
    run,
  };
}

export function stopCluster(dir: string, base: number, log: (line: string) => void): Promise<string> {
  return runScript(base, 'down', dir, [], log);
}

/** The pid in DIR/pids/<name>.pid (etcd, haproxy, patroni1/2, app1/2). */
export function readPid(cluster: Cluster, name: string): number {
  return Number(readFileSync(join(cluster.dir, 'pids', `${name}.pid`), 'utf8').trim());
}

/** The postmaster's pid of a node (first line of its postmaster.pid). */
export function readPostmasterPid(cluster: Cluster, node: 1 | 2): number {
  return Number(
    readFileSync(join(cluster.dir, `node${node}`, 'data', 'postmaster.pid'), 'utf8').split('\n')[0],
  );
}

export interface PatroniMember {
  name: string;
  role: string;
  state: string;
  lag?: number | string;
  timeline?: number;
}

/** Patroni's view of the cluster, from whichever node's API answers. */
export async function readMembers(cluster: Cluster): Promise<PatroniMember[]> {
  for (const node of [1, 2] as const) {
    try {
      const response = await fetch(`http://127.0.0.1:${cluster.ports.patroniApi(node)}/cluster`, {
        signal: AbortSignal.timeout(2_000),
      });
      return ((await response.json()) as { members: PatroniMember[] }).members;
    } catch {
      // that node's Patroni is down; ask the other
    }
  }
  return [];
}

/** The node Patroni calls leader, if any. */
export async function readLeader(cluster: Cluster): Promise<1 | 2 | undefined> {
  const leader = (await readMembers(cluster)).find((member) => member.role === 'leader');
  return leader ? (Number(leader.name.replace('node', '')) as 1 | 2) : undefined;
}

/** Runs one query on its own connection (closed afterwards), e.g. on one node directly. */
export async function queryOnce<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 250 ms until it is true; false after `seconds`. */
export async function waitUntil(seconds: number, check: () => Promise<boolean>): Promise<boolean> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return true;
    await sleep(250);
  }
  return false;
}
