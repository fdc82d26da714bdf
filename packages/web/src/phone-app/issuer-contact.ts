// The open app's regular contact with the issuer (docs/phone-app.md "Lost or blocked phone"):
// without push, this is how a blocked or replaced phone learns it and erases itself (R1.6).
import { useEffect } from 'react';
import type { PhoneSession } from './phone-session';

/** How often an open app on line asks the issuer: a block reaches it within this. */
export const contactIntervalMs = 2 * 60_000;
/** How soon a contact that got no answer (no network, server away) is tried again. */
export const contactRetryMs = 30_000;

/**
 * While the app is open with a logged-in phone and on line: asks the issuer for the door list at
 * once, then every two minutes, whenever the app comes back into view, and half a minute after a
 * contact that got no answer. `onErased` when the phone was refused as blocked or replaced (it
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
    const contact = async () => {
      if (isBusy) return;
      isBusy = true;
      clearTimeout(timer);
      const outcome = await session.refreshDoors().catch(() => false as const);
      isBusy = false;
      if (isStopped) return;
      if (outcome === 'erased') return onErased();
      if (outcome) onAnswered();
      timer = setTimeout(() => void contact(), outcome ? contactIntervalMs : contactRetryMs);
    };
    const contactWhenVisible = () => {
      if (document.visibilityState === 'visible') void contact();
    };
    void contact();
    document.addEventListener('visibilitychange', contactWhenVisible);
    return () => {
      isStopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', contactWhenVisible);
    };
  }, [session, isOnline, onErased, onAnswered]);
}
