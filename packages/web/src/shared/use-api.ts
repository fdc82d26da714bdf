// Data hooks over the API client: one resource, or one list paged by cursor.
import { useCallback, useEffect, useState } from 'react';
import { ApiRequestError, getApi, getEntityCached, withQuery, type Page } from './api-client';
import { useTranslator } from './i18n';

export interface ResourceState<T> {
  data: T | undefined;
  error: ApiRequestError | undefined;
  isLoading: boolean;
  reload: () => void;
}

function toApiError(error: unknown): ApiRequestError {
  return error instanceof ApiRequestError ? error : new ApiRequestError(0, 'internal_error', String(error));
}

/** Reads `path` (relative to /api/v1); null waits, e.g. until an id is known. */
export function useResource<T>(path: string | null): ResourceState<T> {
  return useLoadedState(path, (signal) => getApi<T>(path!, signal), path !== null);
}

/** Loads any async value; the loader must be stable for the given deps key. */
export function useLoader<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
): ResourceState<T> {
  return useLoadedState(key, load, true);
}

/**
 * Runs `load` whenever `key` changes (null waits) or on reload, cancelling the call before;
 * what a cancelled call answers is dropped.
 */
function useLoadedState<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
  isInitiallyLoading: boolean,
): ResourceState<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiRequestError; isLoading: boolean }>({
    isLoading: isInitiallyLoading,
  });
  const [generation, setGeneration] = useState(0);
  // The server writes some texts (explanations) in the request's language: switching reloads.
  const { language } = useTranslator();
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, isLoading: true, error: undefined }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, isLoading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ error: toApiError(error), isLoading: false });
      },
    );
    return () => controller.abort();
    // The key stands for everything the loader depends on, so the loader itself is left out.
  }, [key, generation, language]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data: state.data, error: state.error, isLoading: state.isLoading, reload };
}

export interface PagedList<T> extends ResourceState<Page<T>> {
  items: T[];
  pageNumber: number;
  hasNext: boolean;
  hasPrevious: boolean;
  goNext: () => void;
  goPrevious: () => void;
}

/**
 * A cursor-paged list. Changing the query starts again at page one; the cursors of earlier pages
 * are remembered so "previous" works although the API only hands out forward cursors.
 */
export function usePagedList<T>(
  path: string,
  query: Record<string, string | number | undefined>,
  pageSize = 25,
): PagedList<T> {
  const queryKey = JSON.stringify(query);
  const [cursors, setCursors] = useState<{ key: string; stack: Array<string | number> }>({
    key: queryKey,
    stack: [],
  });
  const stack = cursors.key === queryKey ? cursors.stack : [];
  const cursor = stack.at(-1);
  const resource = useResource<Page<T>>(withQuery(path, { ...query, limit: pageSize, cursor }));
  const nextCursor = resource.data?.nextCursor ?? null;
  return {
    ...resource,
    items: resource.data?.items ?? [],
    pageNumber: stack.length + 1,
    hasNext: nextCursor !== null && !resource.isLoading,
    hasPrevious: stack.length > 0,
    goNext: () => {
      if (nextCursor !== null) setCursors({ key: queryKey, stack: [...stack, nextCursor] });
    },
    goPrevious: () => setCursors({ key: queryKey, stack: stack.slice(0, -1) }),
  };
}

/** Reads one referenced entity through the shared cache; undefined while loading or when hidden. */
export function useEntity<T>(path: string, id: string | null | undefined): { entity?: T; isHidden: boolean } {
  const [state, setState] = useState<{ id?: string; entity?: T; isHidden: boolean }>({ isHidden: false });
  useEffect(() => {
    if (!id) return;
    let isCurrent = true;
    getEntityCached<T>(path, id).then(
      (entity) => isCurrent && setState({ id, entity, isHidden: false }),
      () => isCurrent && setState({ id, isHidden: true }),
    );
    return () => {
      isCurrent = false;
    };
  }, [path, id]);
  return state.id === id ? { entity: state.entity, isHidden: state.isHidden } : { isHidden: false };
}
