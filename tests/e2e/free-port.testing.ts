import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The first port of the kernel's ephemeral range (what `listen(0)` and outgoing connections get). */
function ephemeralRangeStart(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  } catch {
    return 32768;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A free loopback port for a product the test starts as a separate process. Chosen below the
 * ephemeral range on purpose: a port from `listen(0)` is free only until someone else asks, and the
 * product itself asks (its embedded PostgreSQL takes a `listen(0)` port, its pool connects out), so
 * it could be handed the very port the test meant for HTTP (seen in CI: EADDRINUSE on start).
 */
export async function pickFreePort(): Promise<number> {
  const top = Math.min(ephemeralRangeStart(), 32768) - 1;
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(Math.random() * (top - 20000));
    if (await isFree(port)) return port;
  }
  throw new Error('no free port below the ephemeral range');
}
