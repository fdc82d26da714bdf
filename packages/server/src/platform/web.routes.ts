// Serves the built web console (packages/web/dist) at `/`. Every non-API GET that is not a file
// gets index.html, so deep links such as /customers/<id> survive a reload; /api paths keep the
// API's own JSON 404.
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ApiError } from './errors';

// The console loads only its own scripts and styles; nothing inline, nothing third-party.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function setPageHeaders(reply: FastifyReply): void {
  void reply
    .header('content-security-policy', contentSecurityPolicy)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header('x-frame-options', 'DENY');
}

export async function registerWebRoutes(app: FastifyInstance, options: { distDir: string }): Promise<void> {
  const root = resolve(options.distDir);
  // serve: false: only reply.sendFile is added; the one route below decides what to send.
  await app.register(fastifyStatic, { root, serve: false });

  app.get(
    '/*',
    // Public: the HTML and assets hold no data; everything behind them goes through /api/v1.
    { config: { isPublic: true }, schema: { hide: true } },
    async (request, reply) => {
      let path: string;
      try {
        path = decodeURIComponent(request.url.split('?')[0]!);
      } catch {
        return reply.callNotFound();
      }
      if (path === '/api' || path.startsWith('/api/')) return reply.callNotFound();
      const file = resolve(root, `.${path}`);
      const isInside = file.startsWith(`${root}${sep}`);
      if (isInside && path.startsWith('/assets/') && existsSync(file)) {
        // Vite puts a content hash in every asset name, so they never change under one name.
        return reply.sendFile(path.slice(1), { maxAge: '365d', immutable: true });
      }
      if (
        isInside &&
        path !== '/' &&
        !path.startsWith('/assets/') &&
        existsSync(file) &&
        /\.[a-z0-9]+$/i.test(path)
      ) {
        return reply.sendFile(path.slice(1), { maxAge: '1h' });
      }
      // A missing asset is a real 404; any other path is a page of the console.
      if (path.startsWith('/assets/')) return reply.callNotFound();
      setPageHeaders(reply);
      // The staff phone app (docs/phone-app.md) is its own page tree at /app.
      if ((path === '/app' || path.startsWith('/app/')) && existsSync(join(root, 'app', 'index.html')))
        return reply.header('cache-control', 'no-cache').sendFile('app/index.html', { cacheControl: false });
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    },
  );
}

/**
 * `/` of a server whose console is not built (`npx portvakt start` right after `npm ci`): the
 * person who opens it learns why there is no console and what to run, instead of a bare 404.
 */
export function registerMissingWebNotice(app: FastifyInstance): void {
  app.get('/', { config: { isPublic: true }, schema: { hide: true } }, async () => {
    throw new ApiError(
      503,
      'console_not_built',
      'The web console is not built: run `npm run build` (`npm start` does it first) and start the server again. The API answers at /api/v1.',
    );
  });
}
