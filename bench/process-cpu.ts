// CPU time used by a process tree, read from Linux's /proc: the load bench reports what each
// request costs the server and the database in CPU, a figure that holds still on a noisy machine
// where throughput and latency do not.
import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every architecture. */
const ticksPerSecond = 100;

interface ProcessTimes {
  pid: number;
  parent: number;
  /** The program's name (`node`, `postgres`). */
  command: string;
  /** Own user + system time and that of its reaped children, in ms. */
  cpuMs: number;
}

function readProcessTimes(pid: number): ProcessTimes | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // Fields after the command name, which may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const tick = (i: number) => (Number(fields[i]) * 1000) / ticksPerSecond;
    return {
      pid,
      parent: Number(fields[1]),
      command: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      cpuMs: tick(11) + tick(12) + tick(13) + tick(14),
    };
  } catch {
    return undefined;
  }
}

/**
 * CPU ms used by the process tree under `rootPid` (itself included), split into the database's
 * processes (`postgres`) and the server's (the rest: Node, one process or several workers), or
 * undefined off Linux. Each CPU second is counted once: in a live process's own times, or in the
 * c-times of the process that reaped it (PostgreSQL reaps its backends).
 */
export function readTreeCpu(rootPid: number): { serverMs: number; databaseMs: number } | undefined {
  const root = readProcessTimes(rootPid);
  if (!root) return undefined;
  const byParent = new Map<number, ProcessTimes[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const times = readProcessTimes(Number(name));
    if (times) byParent.set(times.parent, [...(byParent.get(times.parent) ?? []), times]);
  }
  const total = { serverMs: 0, databaseMs: 0 };
  const pending = [root];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.command === 'postgres') total.databaseMs += next.cpuMs;
    else total.serverMs += next.cpuMs;
    pending.push(...(byParent.get(next.pid) ?? []));
  }
  return total;
}

/** Starts a CPU account of the server tree and this process; `stop` gives ms per request. */
export function startCpuAccount(serverPid: number | undefined) {
  const server = serverPid === undefined ? undefined : readTreeCpu(serverPid);
  const bench = process.cpuUsage();
  return (requests: number) => {
    const serverNow = serverPid === undefined ? undefined : readTreeCpu(serverPid);
    const benchUsed = process.cpuUsage(bench);
    const per = (ms: number) => ms / Math.max(1, requests);
    return {
      serverMs: server && serverNow ? per(serverNow.serverMs - server.serverMs) : NaN,
      databaseMs: server && serverNow ? per(serverNow.databaseMs - server.databaseMs) : NaN,
      benchMs: per((benchUsed.user + benchUsed.system) / 1000),
    };
  };
}
