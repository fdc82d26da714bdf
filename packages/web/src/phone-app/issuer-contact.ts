// The open app's regular contact with the issuer (docs/phone-app.md "Lost or blocked phone"):
// without push, this is how a blocked or replaced phone learns it and erases itself (R1.6).
import { useEffect, useState } from 'react';
import type { PhoneSession } from './phone-session';

/** How often an open app on line asks the issuer: a block reaches it within this. */
export const contactIntervalMs = 2 * 60_000;
/** How soon a contact that got no answer (no network, server away) is tried again. */
export const contactRetryMs = 30_000;

/**
 * While the app is open with a logged-in phone and on line: asks the issuer for the door list at
 * once, then every two minutes, whenever the app comes back into view, half a minute after a
 * contact that got no answer, and at once when another contact (an upload, "Skicka nu") finds
 * the server again after that. `onErased` when the phone was refused as blocked or replaced (it
 * has erased itself), `onAnswered` when the door list came.
 */
export function useIssuerContact(
  session: PhoneSession | undefined,
  isOnline: boolean,
  handlers: { onErased: () => void; onAnswered: () => void },
): void {
  const { onErased, onAnswered } = handlers;
  useEffect(() => {
    if (!session || !isOnline) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let isBusy = false;
    let isStopped = false;
    let isRetrying = false;
    const contact = async () => {
      if (isBusy) return;
      isBusy = true;
      clearTimeout(timer);
      const outcome = await session.refreshDoors().catch(() => false as const);
      isBusy = false;
      if (isStopped) return;
      if (outcome === 'erased') return onErased();
      if (outcome) onAnswered();
      isRetrying = !outcome;
      timer = setTimeout(() => void contact(), outcome ? contactIntervalMs : contactRetryMs);
    };
    const contactWhenVisible = () => {
      if (document.visibilityState === 'visible') void contact();
    };
    const stopListening = session.onReachChange((isReached) => {
      if (isReached && isRetrying) void contact();
    });
    void contact();
    document.addEventListener('visibilitychange', contactWhenVisible);
    return () => {
      isStopped = true;
      clearTimeout(timer);
      stopListening();
      document.removeEventListener('visibilitychange', contactWhenVisible);
    };
  }, [session, isOnline, onErased, onAnswered]);
}

/** The browser's network, and whether the phone is in contact with the server (below). */
export interface PhoneConnection {
  hasNetwork: boolean;
  isConnected: boolean;
}

/**
 * Whether the phone is in contact with the server, the app's one notion of being connected (the
 * header's badge, the lists' "no contact" notes): the browser has a network and the server
 * answered the phone's last contact (or none was made yet). Becoming true again is the
 * reconnection the lists are fetched again on.
 */
export function useServerConnection(session: PhoneSession | undefined, hasNetwork: boolean): boolean {
  const [isReached, setReached] = useState(session?.isServerReached);
  useEffect(() => {
    setReached(session?.isServerReached);
    return session?.onReachChange(setReached);
  }, [session]);
  return hasNetwork && isReached !== false;
}
