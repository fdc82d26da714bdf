// The browser side of the HTTP API: same-origin fetch with the session cookie, the CSRF header
// on every change, and one error type carrying the API's stable code.

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
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

/** Sends one request to /api/v1 and returns the parsed JSON body, or throws ApiRequestError. */
export async function requestApi<T>(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': requestLanguage };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (changingMethods.has(method)) {
    const token = readCookie(csrfCookie);
    if (token) headers['x-csrf-token'] = token;
  }
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
