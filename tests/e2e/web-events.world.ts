// Activity for the console's event views: a few days of openings and refusals made by the real
// simulated devices of an event world (tests/e2e/event-log.world.ts) and uploaded through ingest.
import type { EventWorld } from './event-log.world';

export interface Activity {
  /** Successful openings per local day offset (0 = the first day). */
  openings: number;
  /** Refused attempts in all. */
  refused: number;
  /** Openings by key A (staff A, provider A), at the entrance and apartment doors. */
  openingsA: number;
}

/**
 * Per day from `days` days ago: Anna (key A) visits the customer (entrance, apartment, apartment
 * again on leaving); Bertil (key B, provider B) opens his own customer's door and is refused at
 * Anna's customer's entrance (his ticket does not name that lock). The world clock must be at or
 * before `start`; every record is uploaded through the sync station.
 */
export async function recordActivity(w: EventWorld, start: number, days: number): Promise<Activity> {
  w.issuer.setGrants(w.keyB.deviceId, [{ lock: 3 }]);
  let openings = 0;
  let refused = 0;
  let openingsA = 0;
  const at = (time: number) => w.world.advance(time - w.world.now());
  for (let day = 0; day < days; day += 1) {
    const morning = start + day * 86_400;
    at(morning);
    // The apartment lock's battery runs down a little every day (a history worth drawing).
    w.locks.apartment.battery.setPercent(62 - day * 4);
    await w.box.activate(w.keyB, '5678');
    if ((await w.keyB.openLock(w.locks.other)).isOpen) openings += 1;
    at(morning + 600);
    if (!(await w.keyB.openLock(w.locks.entrance)).isOpen) refused += 1;
    await w.station.sync(w.keyB);
    at(morning + 3600);
    await w.box.activate(w.keyA, '1234');
    for (const lock of [w.locks.entrance, w.locks.apartment]) {
      if ((await w.keyA.openLock(lock)).isOpen) {
        openings += 1;
        openingsA += 1;
      }
    }
    at(morning + 3600 + 25 * 60);
    if ((await w.keyA.openLock(w.locks.apartment)).isOpen) {
      openings += 1;
      openingsA += 1;
    }
    await w.station.sync(w.keyA);
  }
  return { openings, refused, openingsA };
}
