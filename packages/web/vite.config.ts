import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { phoneAppBuild } from './src/phone-app/phone-app.build.ts';

/** Where the built console lands; the server serves it at `/` when it exists. */
export const webDistDir = fileURLToPath(new URL('./dist', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // The staff phone app (`/app`, docs/phone-app.md) is a second entry with its own service worker.
  plugins: [react(), phoneAppBuild()],
  build: {
    outDir: webDistDir,
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        ...phoneAppBuild.inputs,
      },
      output: { entryFileNames: phoneAppBuild.entryFileNames },
    },
  },
  // `npm run dev -w @portvakt/web` talks to a server started with `npm start` (port 8080).
  server: { proxy: { '/api': `http://localhost:${process.env.PORTVAKT_PORT ?? '8080'}` } },
});
