// `npm run test:ha` (issue #16 items 3 and 4): the failover test on a real cluster. It starts
// deploy/ha/cluster.sh (etcd, two PostgreSQL 15 nodes under Patroni with synchronous replication,
// HAProxy, two Portvakt processes), drives a steady load through HAProxy, kills the primary's host
// (Patroni and postmaster, kill -9) mid-load, brings the old primary back as a replica, kills one
// Portvakt process, and then checks that every acknowledged request is in the database exactly
// once and that `portvakt verify-log` finds nothing. Prints its figures as one JSON line and as
// text; exits 1 when a must-be-zero is not zero. Not part of `npm test` (vitest): it needs root
// and the Debian packages, and takes about two minutes.
//
//   npm run test:ha                       the test
//   npm run test:ha -- --kill postgres    kill only the primary's postmaster (Patroni restarts it)
//   npm run test:ha -- --lose-a-write     delete one acknowledged record and double one customer
//                                         behind the cluster's back before the checks: they must
//                                         report it and the run must fail (the checks can fail)
//   npm run test:ha -- --async-lagging-replica
//                                         asynchronous replication, and the primary's WAL sender
//                                         paused (SIGSTOP) for the 4 s before the primary dies: the
//                                         writes acknowledged then are lost with it, and the run
//                                         must report them missing and fail
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAcknowledgedWrites, type AcknowledgedCheck } from './acknowledged-checks';
import {
  queryOnce,
  readLeader,
  readMembers,
  readPid,
  readPostmasterPid,
  sleep,
  startCluster,
  stopCluster,
  waitUntil,
  type Cluster,
} from './cluster-control';
import { createHaWorld } from './ha-world';
import { createLedger, measureLongestGap, runLoad } from './load-driver';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const killMode = args.includes('--kill') ? args[args.indexOf('--kill') + 1] : 'host';
if (killMode !== 'host' && killMode !== 'postgres') throw new Error('--kill is host or postgres');
const isLosingAWrite = args.includes('--lose-a-write');
const isAsyncLagging = args.includes('--async-lagging-replica');
if (isAsyncLagging) {
  // Read by deploy/ha/cluster.sh; the large lag limit lets the lagging standby be promoted.
  process.env.HA_SYNCHRONOUS = 'false';
  process.env.HA_MAXIMUM_LAG_ON_FAILOVER = String(1024 ** 3);
}

const portBase = Number(process.env.HA_PORT_BASE || 25400);
const loadSeconds = Number(process.env.HA_LOAD_SECONDS || 50);
/** Into the load: the database primary dies, then (later) one Portvakt process. */
const primaryKillAt = 12;
const appKillAt = 34;
/** The whole run is stopped (and cleaned up) after this, whatever it is doing. */
const hardTimeoutSeconds = 330;

const startedAt = Date.now();
const log = (line: string) =>
  console.error(`[test:ha +${((Date.now() - startedAt) / 1000).toFixed(1).padStart(5)} s] ${line}`);
const seconds = (ms: number) => Math.round(ms / 100) / 10;

// ---- cleanup on success, failure, Ctrl-C and the hard timeout ----------------------------------
const dir = mkdtempSync(join(tmpdir(), 'portvakt-ha-'));
let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= stopCluster(dir, portBase, log).then(
    () => log(`stopped the cluster, removed ${dir}`),
    (error: unknown) => log(`cleanup failed: ${(error as Error).message}`),
  );
  return cleaning;
}
/** On a failure, the end of every log goes to stderr before the directory is removed. */
function printLogTails(): void {
  const logs = join(dir, 'logs');
  if (!existsSync(logs)) return;
  for (const name of readdirSync(logs)) {
    const lines = readFileSync(join(logs, name), 'utf8')
      .split('\n')
      .filter((line) => line.trim() && !/^\s|Traceback|ConnectionResetError|Exception happened/.test(line));
    console.error(
      `---- ${name} (last 12 lines)\n${lines
        .slice(-12)
        .map((line) => line.slice(0, 400))
        .join('\n')}`,
    );
  }
}
async function exitAfterCleanup(code: number): Promise<never> {
  if (code !== 0) printLogTails();
  await cleanUp();
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    log(`${signal}: stopping`);
    void exitAfterCleanup(130);
  });
setTimeout(() => {
  log(`hard timeout after ${hardTimeoutSeconds} s`);
  void exitAfterCleanup(2);
}, hardTimeoutSeconds * 1000).unref();

// ---- the faults -------------------------------------------------------------------------------
interface FailoverFigures {
  killedNode: 1 | 2;
  /** Seconds from the kill until HAProxy reached a primary that takes writes. */
  newPrimaryAfter: number | null;
  newLeader: 1 | 2 | null;
  /** Seconds from restarting the old primary until it is a streaming synchronous standby again. */
  rejoinSeconds: number | null;
}

/** kill -9 the leader's Patroni and postmaster (a host loss), or only its postmaster. */
async function killPrimary(cluster: Cluster): Promise<{ node: 1 | 2; at: number }> {
  const node = await readLeader(cluster);
  if (!node) throw new Error('no leader to kill');
  const postmaster = readPostmasterPid(cluster, node);
  const at = Date.now();
  if (killMode === 'host') process.kill(readPid(cluster, `patroni${node}`), 'SIGKILL');
  process.kill(postmaster, 'SIGKILL');
  log(
    `kill -9 node ${node}'s ${killMode === 'host' ? 'Patroni and postmaster' : 'postmaster'} (the primary)`,
  );
  return { node, at };
}

/** Waits until a query through HAProxy lands on a primary that is not in recovery. */
async function waitForWritablePrimary(cluster: Cluster): Promise<boolean> {
  return waitUntil(90, async () => {
    const [row] = await queryOnce<{ writable: boolean }>(
      cluster.superuserUrl,
      'SELECT NOT pg_is_in_recovery() AS writable',
    );
    return row?.writable === true;
  });
}

/** True when `node` is a running synchronous standby (a streaming replica when asynchronous) with no lag. */
async function isSyncStandby(cluster: Cluster, node: 1 | 2): Promise<boolean> {
  const member = (await readMembers(cluster)).find((m) => m.name === `node${node}`);
  const role = isAsyncLagging ? 'replica' : 'sync_standby';
  return member?.role === role && member.state === 'running' && Number(member.lag ?? 1) === 0;
}

/**
 * Pauses the primary's WAL sender: the standby stops receiving while the primary goes on
 * acknowledging (asynchronous replication does not wait for it). Its pid is killed with the host.
 */
async function pauseWalSender(cluster: Cluster): Promise<number | undefined> {
  const leader = await readLeader(cluster);
  if (!leader) return undefined;
  const [row] = await queryOnce<{ pid: number }>(
    cluster.nodeUrl(leader),
    'SELECT pid FROM pg_stat_replication',
  );
  if (!row) return undefined;
  process.kill(row.pid, 'SIGSTOP');
  log(`--async-lagging-replica: paused node ${leader}'s WAL sender (pid ${row.pid})`);
  return row.pid;
}

async function failPrimaryAndRejoin(cluster: Cluster, pausedSender?: number): Promise<FailoverFigures> {
  const killed = await killPrimary(cluster);
  if (pausedSender) process.kill(pausedSender, 'SIGKILL');
  const isWritable = await waitForWritablePrimary(cluster);
  const newPrimaryAfter = isWritable ? seconds(Date.now() - killed.at) : null;
  const newLeader = (await readLeader(cluster)) ?? null;
  log(`writable primary behind HAProxy after ${newPrimaryAfter} s: node ${newLeader}`);
  const restartedAt = Date.now();
  if (killMode === 'host') {
    // The host is back: start its Patroni, which finds a new leader and rejoins (pg_rewind if
    // the old timeline went further than the new primary's).
    await cluster.run('start-node', String(killed.node));
  }
  const other = newLeader === killed.node ? ((3 - killed.node) as 1 | 2) : killed.node;
  const hasRejoined = await waitUntil(90, () => isSyncStandby(cluster, other));
  const rejoinSeconds = hasRejoined ? seconds(Date.now() - restartedAt) : null;
  log(
    `node ${other} ${hasRejoined ? `is the ${isAsyncLagging ? 'streaming replica' : 'synchronous standby'} again after ${rejoinSeconds} s` : 'did not rejoin'}`,
  );
  return { killedNode: killed.node, newPrimaryAfter, newLeader, rejoinSeconds };
}

/** kill -9 Portvakt process 1: HAProxy takes it out and the load goes on through process 2. */
function killPortvaktProcess(cluster: Cluster): number {
  process.kill(readPid(cluster, 'app1'), 'SIGKILL');
  log('kill -9 Portvakt process 1');
  return Date.now();
}

/** The standby replays what the primary has: the same rows on both nodes. */
async function checkReplication(cluster: Cluster, standby: 1 | 2): Promise<boolean> {
  const leader = (3 - standby) as 1 | 2;
  const count = async (node: 1 | 2) =>
    (
      await queryOnce<{ customers: string; records: string; recovery: boolean }>(
        cluster.nodeUrl(node),
        `SELECT (SELECT count(*) FROM customer) AS customers, (SELECT count(*) FROM device_event) AS records,
                pg_is_in_recovery() AS recovery`,
      )
    )[0]!;
  return waitUntil(20, async () => {
    const [primary, replica] = [await count(leader), await count(standby)];
    return (
      !primary.recovery &&
      replica.recovery &&
      primary.customers === replica.customers &&
      primary.records === replica.records
    );
  });
}

/** `portvakt verify-log` on the cluster; the number of findings (-1 when it could not run). */
function runVerifyLog(cluster: Cluster): Promise<{ findings: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['packages/cli/bin/portvakt.js', 'verify-log'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: cluster.ownerUrl,
        PORTVAKT_SECRET_KEY: readFileSync(join(cluster.dir, 'secrets', 'portvakt'), 'utf8').trim(),
        DATA_DIR: join(cluster.dir, 'verify'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      const counted = /(\d+) finding\(s\)/.exec(output);
      const findings = code === 0 && output.includes('No findings') ? 0 : counted ? Number(counted[1]) : -1;
      resolve({ findings, output: output.replace(/verify-log \[[^\n]*\r?/g, '').trim() });
    });
  });
}

/** Deletes one acknowledged record and doubles one acknowledged customer, behind the server's back. */
async function loseAWrite(cluster: Cluster, record: string, marker: string) {
  const [deviceId, sequence] = record.split(':');
  if (!/^[0-9a-f-]{36}$/.test(deviceId!) || !/^\d+$/.test(sequence!) || !/^ha-[a-z0-9-]+$/.test(marker))
    throw new Error(`unexpected record ${record} or marker ${marker}`);
  // As the superuser with triggers off (session_replication_role): the append-only guards would
  // otherwise refuse, as they refuse the application.
  await queryOnce(
    cluster.superuserUrl,
    `BEGIN;
     SET LOCAL session_replication_role = replica;
     DELETE FROM device_event WHERE device_id = '${deviceId}' AND sequence = ${sequence};
     INSERT INTO customer (municipality_id, district_id, given_name, family_name)
       SELECT municipality_id, district_id, given_name, family_name FROM customer WHERE family_name = '${marker}' LIMIT 1;
     COMMIT;`,
  );
  log(`--lose-a-write: deleted record ${record} and doubled customer ${marker}`);
}

// ---- the run ----------------------------------------------------------------------------------
async function main(): Promise<number> {
  log(`cluster in ${dir} (ports from ${portBase})`);
  const cluster = await startCluster(dir, portBase, log);
  log(`cluster up; building the municipality through ${cluster.url}`);
  const world = await createHaWorld(cluster.url, cluster.superuserUrl, 4);
  const ledger = createLedger();
  const loadStart = Date.now();
  const loadEnd = loadStart + loadSeconds * 1000;
  log(
    `load for ${loadSeconds} s: 2 administrators, ${world.keys.length} keys at the box, the door and the station`,
  );
  const load = runLoad(world, ledger, { until: loadEnd, administrators: 2, drainSeconds: 20 });

  let pausedSender: number | undefined;
  if (isAsyncLagging) {
    await sleep((primaryKillAt - 4) * 1000);
    pausedSender = await pauseWalSender(cluster);
  }
  await sleep(Math.max(0, loadStart + primaryKillAt * 1000 - Date.now()));
  const failover = failPrimaryAndRejoin(cluster, pausedSender);
  await sleep(Math.max(0, loadStart + appKillAt * 1000 - Date.now()));
  const appKilledAt = killPortvaktProcess(cluster);
  await load;
  const figures = await failover;
  log('load ended');

  const standby = figures.newLeader ? ((3 - figures.newLeader) as 1 | 2) : figures.killedNode;
  const isReplicating = await checkReplication(cluster, standby);
  log(
    `node ${standby} ${isReplicating ? 'has the same rows as the primary' : 'does NOT have the primary’s rows'}`,
  );

  if (isLosingAWrite) {
    const [record] = ledger.records;
    const write = ledger.customers.find((w) => w.isAcknowledged);
    if (record && write) await loseAWrite(cluster, record, write.marker);
  }
  const check: AcknowledgedCheck = await checkAcknowledgedWrites(
    cluster.superuserUrl,
    world.municipalityId,
    ledger,
  );
  const verify = await runVerifyLog(cluster);

  const longest = measureLongestGap(ledger.writeTimes, loadStart, loadEnd);
  const afterPrimaryKill = measureLongestGap(
    ledger.writeTimes,
    loadStart + primaryKillAt * 1000 - 1,
    loadEnd,
  );
  const afterAppKill = measureLongestGap(ledger.writeTimes, appKilledAt, loadEnd);
  const result = {
    test: 'ha',
    kill: killMode,
    replication: isAsyncLagging ? 'asynchronous, WAL sender paused 4 s before the kill' : 'synchronous',
    acknowledged: check.acknowledged.total,
    acknowledged_by_kind: check.acknowledged,
    missing: check.missing.total,
    missing_by_kind: check.missing,
    duplicates: check.duplicates.total,
    duplicates_by_kind: check.duplicates,
    seconds_without_writes: seconds(longest.ms),
    first_write_after_app_kill_s: seconds(
      (ledger.writeTimes.find((t) => t > appKilledAt) ?? loadEnd) - appKilledAt,
    ),
    longest_gap_from_primary_kill_s: seconds(afterPrimaryKill.ms),
    longest_gap_from_app_kill_s: seconds(afterAppKill.ms),
    new_primary_after_s: figures.newPrimaryAfter,
    rejoin_s: figures.rejoinSeconds,
    replica_has_rows: isReplicating,
    verify_log_findings: verify.findings,
    customer_writes_replayed: ledger.customers.filter((w) => w.isReplayed).length,
    failed_attempts: ledger.failures,
    total_s: seconds(Date.now() - startedAt),
  };
  console.log(JSON.stringify(result));
  console.log(
    [
      '',
      `HA failover test (${killMode === 'host' ? 'host loss: Patroni and postmaster killed' : 'postmaster killed'})`,
      `  requests acknowledged:            ${result.acknowledged} (customers ${check.acknowledged.customers}, records ${check.acknowledged.records}, activations ${check.acknowledged.activations})`,
      `  acknowledged but missing:         ${result.missing} (must be 0)`,
      `  duplicates:                       ${result.duplicates} (must be 0)`,
      `  longest time without writes:      ${result.seconds_without_writes} s (goal under 30)`,
      `  new primary writable after:       ${figures.newPrimaryAfter ?? 'never'} s (node ${figures.newLeader})`,
      `  old primary rejoined after:       ${figures.rejoinSeconds ?? 'never'} s; replicates: ${isReplicating ? 'yes' : 'NO'}`,
      `  first write after Portvakt kill:  ${result.first_write_after_app_kill_s} s`,
      `  verify-log findings:              ${verify.findings} (must be 0)`,
      `  failed attempts (retried):        ${JSON.stringify(ledger.failures)}`,
      ...check.examples.map((line) => `  ! ${line}`),
      ...(verify.findings !== 0 ? verify.output.split('\n').map((line) => `  verify-log: ${line}`) : []),
    ].join('\n'),
  );
  const isPassing =
    check.missing.total === 0 &&
    check.duplicates.total === 0 &&
    verify.findings === 0 &&
    isReplicating &&
    figures.rejoinSeconds !== null &&
    check.acknowledged.customers > 0 &&
    check.acknowledged.records > 0 &&
    check.acknowledged.activations > 0;
  console.log(isPassing ? 'PASS' : 'FAIL');
  return isPassing ? 0 : 1;
}

main().then(
  (code) => exitAfterCleanup(code),
  (error: unknown) => {
    log(`failed: ${(error as Error).stack ?? String(error)}`);
    void exitAfterCleanup(1);
  },
);
