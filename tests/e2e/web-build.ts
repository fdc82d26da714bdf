// The console build the browser tests load: built when dist is older than its sources (the console's and the phone app's).
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { hasWebBuild, webDistDir } from '@portvakt/server/testing';

const webDir = fileURLToPath(new URL('../../packages/web', import.meta.url));

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

function isBuildFresh(): boolean {
  const sources = ['src', 'index.html', 'app', 'vite.config.ts'].map((entry) =>
    newestChange(join(webDir, entry)),
  );
  return hasWebBuild() && statSync(join(webDistDir, 'index.html')).mtimeMs >= Math.max(...sources);
}

// Test files run in several worker processes: the first to find the build stale builds while the
// others wait, so none loads a dist another is still writing. The lock names its holder's process,
// so a lock left by a killed run is taken over (by process, not by age: the 400-days-ahead run
// fakes the clock but not the files' times).
const lockDir = join(webDir, '.web-build-lock');
const holderFile = join(lockDir, 'pid');

/** The holder's pid, or undefined while the lock is just made and its holder not yet written. */
function readHolder(): number | undefined {
  try {
    return Number(readFileSync(holderFile, 'utf8'));
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

async function takeBuildLock(): Promise<void> {
  // How long in a row the lock has been seen without a holder: over seconds, its maker died
  // between making it and writing its pid.
  let holderlessMs = 0;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(holderFile, String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder();
    holderlessMs = holder === undefined ? holderlessMs + 250 : 0;
    if (holder === undefined ? holderlessMs > 10_000 : !isRunning(holder)) {
      rmSync(lockDir, { recursive: true, force: true });
    } else {
      await sleep(250);
    }
  }
}

/** Builds the console unless dist is already newer than every source file. */
export async function ensureWebBuild(): Promise<void> {
  if (isBuildFresh()) return;
  await takeBuildLock();
  try {
    if (isBuildFresh()) return;
    // Vitest sets NODE_ENV=test, which Vite would honour with React's development build; the
    // browser should get exactly what `npm run build -w @portvakt/web` produces.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: join(webDir, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
