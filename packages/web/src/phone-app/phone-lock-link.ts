// How the app reaches a lock: Web Bluetooth on a real phone, or the loopback to simulated locks
// (a WebSocket to /lock-sim/{lockId}: tests and the demo). Both give the devices package's
// LockLink, and the phone runs the same protocol over either; choosing one is the only difference.
import {
  connectBluetoothLockLink,
  connectWebSocketLockLink,
  lockSimUrl,
  requestBluetoothLock,
  type LockLink,
} from '@portvakt/devices';

export type LockLinkKind = 'bluetooth' | 'loopback';

const choiceKey = 'portvakt.app.lockLink';

/**
 * The link this phone uses: as chosen once with `?lock-link=loopback|bluetooth` in the app's
 * address (kept on the phone), otherwise Bluetooth where the browser has it, else the loopback.
 */
export function readLockLinkKind(): LockLinkKind {
  const asked = new URLSearchParams(location.search).get('lock-link');
  if (asked === 'loopback' || asked === 'bluetooth') localStorage.setItem(choiceKey, asked);
  const kept = localStorage.getItem(choiceKey);
  if (kept === 'loopback' || kept === 'bluetooth') return kept;
  return 'bluetooth' in navigator ? 'bluetooth' : 'loopback';
}

/** Connects to the lock of `lockId` (the loopback needs it; Bluetooth asks the user to pick the lock). */
export async function connectLock(kind: LockLinkKind, lockId: string): Promise<LockLink> {
  if (kind === 'loopback') return connectWebSocketLockLink(lockSimUrl(location.origin, lockId));
  return connectBluetoothLockLink(await requestBluetoothLock());
}
