// Where the built web console is, apart from the routes that serve it, so the command line can
// say a build is missing without loading the app.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build -w @portvakt/web` puts the console. */
export const webDistDir = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Whether a built console exists to be served. */
export function hasWebBuild(distDir: string = webDistDir): boolean {
  return existsSync(join(distDir, 'index.html'));
}
