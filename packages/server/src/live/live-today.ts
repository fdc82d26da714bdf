// "Today" for the live view: the server clock's local day (Europe/Stockholm, accelerated in the
// demo), the instants it runs between, and the caller's view of the event log.
import { eventViewFor, localToday, type Actor, type EventView, type ServicePeriod } from '@portvakt/core';
import type { Queryable } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import { readLocalDayBounds } from '../platform/local-day';

export interface LiveToday {
  clock: Date;
  day: string;
  dayFrom: Date;
  dayTo: Date;
  /** Today as a service period: a provider's reach is the customers it serves today. */
  period: ServicePeriod;
}

/** The local day the clock reads, and its bounds. */
export async function readLiveToday(db: Queryable, municipalityId: string, clock: Date): Promise<LiveToday> {
  const day = localToday(clock);
  const { from, to } = await readLocalDayBounds(db, municipalityId, day, 'day');
  return { clock, day, dayFrom: from, dayTo: to, period: { fromDay: day, toDay: day } };
}

/**
 * The caller's view of the event log, exactly as the event API decides it (policy `device_event`,
 * core's eventViewFor); 403 for roles that may not read events.
 */
export function readLiveView(actor: Actor): EventView {
  return eventViewFor(authorise(actor, 'device_event', 'read'), actor);
}
