// The console build the browser tests load: built when dist is older than its sources (the console's and the phone app's).
import { readdirSync, statSync } from 'node:fs';
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

/** Builds the console unless dist is already newer than every source file. */
export async function ensureWebBuild(): Promise<void> {
  const sources = ['src', 'index.html', 'app', 'vite.config.ts'].map((entry) =>
    newestChange(join(webDir, entry)),
  );
  if (hasWebBuild() && statSync(join(webDistDir, 'index.html')).mtimeMs >= Math.max(...sources)) return;
  // Vitest sets NODE_ENV=test, which Vite would honour with React's development build; the
  // browser should get exactly what `npm run build -w @portvakt/web` produces.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(webDir, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
