// The phone app's service worker (served at /app/sw.js, scope /app/): makes the app open without a
// network once it has been loaded. The page and its hashed assets are cached at install; pages are
// fetched from the network first (a new version arrives when online) and from the cache offline;
// hashed assets never change under one name, so the cache answers them first. API calls are never
// cached: what must survive offline is kept by the app itself in IndexedDB.

// The repository's TypeScript has the DOM library only, so the few worker types are named here.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}

const worker = self as unknown as WorkerScope;
const cacheName = 'portvakt-app-v1';
const appPage = '/app/';

/** The page and every asset it names (scripts, styles, the manifest and icon). */
async function cacheAppShell(): Promise<void> {
  const cache = await caches.open(cacheName);
  const response = await fetch(appPage, { cache: 'no-store' });
  const html = await response.clone().text();
  await cache.put(appPage, response);
  const assets = new Set(['/app/manifest.webmanifest', '/app/icon.svg']);
  for (const match of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) assets.add(match[1]!);
  await cache.addAll([...assets]);
}

worker.addEventListener('install', (event) => {
  event.waitUntil(cacheAppShell().then(() => worker.skipWaiting()));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== cacheName).map((n) => caches.delete(n))))
      .then(() => worker.clients.claim()),
  );
});

async function answerPage(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok) await (await caches.open(cacheName)).put(appPage, response.clone());
    return response;
  } catch {
    return (await caches.match(appPage)) ?? Response.error();
  }
}

async function answerAsset(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(cacheName)).put(request, response.clone());
  return response;
}

worker.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== worker.location.origin) return;
  if (url.pathname.startsWith('/api/')) return;
  if (event.request.mode === 'navigate') event.respondWith(answerPage(event.request));
  else if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/app/'))
    event.respondWith(answerAsset(event.request));
});
