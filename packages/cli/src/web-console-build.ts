// The console the demo's newcomer opens: a fresh clone after `npm ci` has no built console yet
// (`npm start` builds it first), so the demo builds it once, as `npm run build` does.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { hasWebBuild } from '@portvakt/server/config';

const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** Builds the web console (`npm run build -w @portvakt/web`) unless it is built. */
export async function ensureWebConsoleBuilt(log: (line: string) => void): Promise<void> {
  if (hasWebBuild()) return;
  log('Building the web console (once, about a minute)…');
  const code = await new Promise<number | null>((resolve, reject) => {
    const build = spawn('npm', ['run', 'build', '-w', '@portvakt/web'], {
      cwd: repositoryRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    build.once('error', reject);
    build.once('exit', resolve);
  });
  if (code !== 0)
    throw new Error(`Building the web console failed (exit ${code}); run npm run build to see why.`);
}

/** The line `portvakt start` prints when `/` will not serve a console, or nothing when it will. */
export function describeMissingWebConsole(): string | undefined {
  if (hasWebBuild()) return undefined;
  return 'The web console is not built, so / shows only how to build it: run npm run build (npm start does it first) and start again.';
}
