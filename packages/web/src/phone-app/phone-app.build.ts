// How the staff phone app is built next to the console (vite.config.ts): its HTML entry
// (`app/index.html`, served at /app), its service worker at the fixed address `/app/sw.js` (a
// worker's scope is its folder, so /app/ and nothing of the console), and the web app manifest
// and icon written into `dist/app/`.
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { appIconSvg, phoneAppManifest } from './phone-app.manifest.ts';

const serviceWorkerEntry = 'phone-app-sw';

function buildPhoneApp(): Plugin {
  return {
    name: 'portvakt-phone-app',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'app/manifest.webmanifest',
        source: JSON.stringify(phoneAppManifest, null, 2),
      });
      this.emitFile({ type: 'asset', fileName: 'app/icon.svg', source: appIconSvg });
    },
  };
}

export const phoneAppBuild = Object.assign(buildPhoneApp, {
  inputs: {
    app: fileURLToPath(new URL('../../app/index.html', import.meta.url)),
    [serviceWorkerEntry]: fileURLToPath(new URL('./service-worker.ts', import.meta.url)),
  },
  /** Hashed names for everything but the service worker, whose address must not change. */
  entryFileNames: (chunk: { name: string }): string =>
    chunk.name === serviceWorkerEntry ? 'app/sw.js' : 'assets/[name]-[hash].js',
});
