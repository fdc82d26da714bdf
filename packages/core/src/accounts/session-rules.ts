// How long a browser session lives (docs/api.md "Authentication"). Times are milliseconds since
// the epoch, from the caller's clock.

/** A session lives at most this long from login… */
export const sessionLifetimeMs = 12 * 60 * 60 * 1000;
/** …and ends earlier after this long without use. */
export const sessionIdleMs = 2 * 60 * 60 * 1000;
/** Last use is written at most this often: a busy console page does not write on every request. */
const lastSeenPrecisionMs = 60_000;

/** When a session opened at `loginAt` ends at the latest. */
export function sessionExpiresAt(loginAt: number): Date {
  return new Date(loginAt + sessionLifetimeMs);
}

/** Whether a session last used at `lastSeenAt` has been idle too long to be used now. */
export function isSessionIdle(lastSeenAt: Date, now: number): boolean {
  return now - lastSeenAt.getTime() > sessionIdleMs;
}

/** Whether this use of the session should be written as its last use. */
export function isLastSeenStale(lastSeenAt: Date, now: number): boolean {
  return now - lastSeenAt.getTime() > lastSeenPrecisionMs;
}
