// The browser side of the HTTP API: same-origin fetch with the session cookie, the CSRF header
// and an Idempotency-Key on every change, and one error type carrying the API's stable code.

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** The server's `Retry-After` (1 when it gave none). */
    readonly retryAfterSeconds = 1,
  ) {
    super(message);
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | number | null;
}

/** Fired when the server says the session is gone, so the shell can show the login page. */
export const sessionEndedEvent = 'portvakt:session-ended';

const csrfCookie = 'portvakt_csrf';

let requestLanguage: 'sv' | 'en' = 'sv';

/** The UI language, sent as Accept-Language so the server writes its sentences (explanations) in it. */
export function setRequestLanguage(language: 'sv' | 'en'): void {
  requestLanguage = language;
}
const changingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** How many times a change is sent in all when the server was lost or busy (same key each time). */
const changeAttempts = 3;
/** The longest wait between them, whatever `Retry-After` says: someone is waiting at the form. */
const longestRetryWaitMs = 5000;

/**
 * A fresh Idempotency-Key for one change (docs/idempotency.md). Made from getRandomValues, which
 * unlike randomUUID also exists on a page served over plain http (a trial on a LAN address).
 */
function createIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Whether a change may be sent again with the same key: the server was not reached or lost its
 * database (a failover), or is still carrying out the first try. With the key the server answers
 * a try that did get through with its first answer, so nothing is done twice.
 */
function canSendAgain(error: ApiRequestError): boolean {
  return (
    error.code === 'network_error' ||
    (error.status === 503 && (error.code === 'database_unavailable' || error.code === 'database_busy')) ||
    (error.status === 409 && error.code === 'idempotency_key_in_progress')
  );
}

/**
 * Sends one request to /api/v1 and returns the parsed JSON body, or throws ApiRequestError. A
 * change carries an Idempotency-Key and is sent again with it, a few times, while the server is
 * unreachable or in a failover.
 */
export async function requestApi<T>(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  if (!changingMethods.has(method)) return sendApiRequest<T>(method, path, body, signal);
  const key = createIdempotencyKey();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await sendApiRequest<T>(method, path, body, signal, key);
    } catch (error) {
      if (!(error instanceof ApiRequestError) || attempt >= changeAttempts || !canSendAgain(error))
        throw error;
      const waitMs = Math.min(error.retryAfterSeconds * 1000, longestRetryWaitMs);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      if (signal?.aborted) throw error;
    }
  }
}

async function sendApiRequest<T>(
  method: string,
  path: string,
  body: unknown,
  signal: AbortSignal | undefined,
  idempotencyKey?: string,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': requestLanguage };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (changingMethods.has(method)) {
    const token = readCookie(csrfCookie);
    if (token) headers['x-csrf-token'] = token;
  }
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiRequestError(0, 'network_error', (error as Error).message);
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const problem = (parsed ?? {}) as { code?: string; message?: string; details?: unknown };
    const error = new ApiRequestError(
      response.status,
      problem.code ?? `http_${response.status}`,
      problem.message ?? response.statusText,
      problem.details,
      Number(response.headers.get('retry-after')) || 1,
    );
    const isLoginAttempt = path === '/auth/login';
    if (response.status === 401 && !isLoginAttempt) window.dispatchEvent(new Event(sessionEndedEvent));
    throw error;
  }
  return parsed as T;
}

export const getApi = <T>(path: string, signal?: AbortSignal) =>
  requestApi<T>('GET', path, undefined, signal);
export const postApi = <T>(path: string, body: unknown) => requestApi<T>('POST', path, body);
export const patchApi = <T>(path: string, body: unknown) => requestApi<T>('PATCH', path, body);
export const putApi = <T>(path: string, body: unknown) => requestApi<T>('PUT', path, body);

/** Builds `path?query` from the defined, non-empty values. */
export function withQuery(
  path: string,
  query: Record<string, string | number | boolean | null | undefined>,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Reads every page of a list, up to `maxItems`. Used for overview figures, which the API does
 * not aggregate yet; `isCapped` tells the page to say the figures are partial.
 */
export async function listAll<T>(
  path: string,
  query: Record<string, string | undefined> = {},
  signal?: AbortSignal,
  maxItems = 20_000,
): Promise<{ items: T[]; isCapped: boolean }> {
  const items: T[] = [];
  let cursor: string | number | null = null;
  do {
    const page: Page<T> = await getApi<Page<T>>(
      withQuery(path, { ...query, limit: 500, cursor: cursor ?? undefined }),
      signal,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && items.length < maxItems);
  return { items, isCapped: cursor !== null };
}

const entityCache = new Map<string, Promise<unknown>>();

/** Reads one entity by id, sharing the request between every component that names it. */
export function getEntityCached<T>(path: string, id: string): Promise<T> {
  const key = `${path}/${id}`;
  let entry = entityCache.get(key);
  if (!entry) {
    entry = getApi<T>(`/${path}/${encodeURIComponent(id)}`);
    // A failed read (e.g. not visible to this role) is not cached, so a later grant shows up.
    entry.catch(() => entityCache.delete(key));
    entityCache.set(key, entry);
  }
  return entry as Promise<T>;
}

/** Forgets cached entities: after a change, and on logout so the next user starts clean. */
export function forgetCachedEntities(path?: string): void {
  if (!path) {
    entityCache.clear();
    return;
  }
  for (const key of entityCache.keys()) if (key.startsWith(`${path}/`)) entityCache.delete(key);
}
