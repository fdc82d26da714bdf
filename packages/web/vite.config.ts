import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where the built console lands; the server serves it at `/` when it exists. */
export const webDistDir = fileURLToPath(new URL('./dist', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: { outDir: webDistDir, emptyOutDir: true, sourcemap: true },
  // `npm run dev -w @portvakt/web` talks to a server started with `npm start` (port 8080).
  server: { proxy: { '/api': `http://localhost:${process.env.PORTVAKT_PORT ?? '8080'}` } },
});
