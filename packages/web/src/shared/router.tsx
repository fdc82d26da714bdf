// A small History-API router: real paths (deep links survive a reload because the server
// answers every non-API path with index.html), links that stay in the page, and query state.
import { useCallback, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const locationChangedEvent = 'portvakt:location-changed';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(locationChangedEvent, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(locationChangedEvent, onChange);
  };
}

const readPath = () => window.location.pathname;
const readSearch = () => window.location.search;

/** Goes to `to` (path plus optional query); `isReplacing` keeps the history entry. */
export function navigate(to: string, isReplacing = false): void {
  if (isReplacing) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(locationChangedEvent));
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, readPath);
}

/** The query string as state: setting it replaces the entry, so filters do not flood history. */
export function useSearchParams(): [URLSearchParams, (changes: Record<string, string | null>) => void] {
  const search = useSyncExternalStore(subscribe, readSearch);
  const update = useCallback((changes: Record<string, string | null>) => {
    const params = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') params.delete(key);
      else params.set(key, value);
    }
    const text = params.toString();
    navigate(`${window.location.pathname}${text ? `?${text}` : ''}`, true);
  }, []);
  return [new URLSearchParams(search), update];
}

/** Matches `/customers/:id` style patterns; returns the named segments or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = pathname.split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (let index = 0; index < patternParts.length; index += 1) {
    const expected = patternParts[index]!;
    const actual = pathParts[index]!;
    if (expected.startsWith(':')) params[expected.slice(1)] = decodeURIComponent(actual);
    else if (expected !== actual) return null;
  }
  return params;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An ordinary link (open in new tab, copy address all work) that navigates in place on a plain click. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    const isPlainClick =
      event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
    if (event.defaultPrevented || !isPlainClick) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
