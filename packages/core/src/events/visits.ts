// Visits derived from lock events (R5.1, R4.4; docs/event-log.md "Reports"). A cylinder-ring
// lock only logs key operations, not the door's state: staff turn the key to unlock on arrival
// and turn it again to lock when they leave. So, at the customer's apartment door, a successful
// opening by a staff member starts a visit and that staff member's next successful opening within
// `maxVisitMinutes` ends it; an opening with no partner in the window is a visit whose departure
// is unknown (door left on the latch, or locked with the thumb-turn from inside). Pure.
import { defaultVisitSettings } from '../visits';

export interface DoorOpening {
  /** Corrected event time, ms since the epoch. */
  at: number;
  staffKey: string;
  staffLabel: string;
  providerName: string | null;
}

export interface Visit {
  arrival: number;
  departure: number | null;
  staffLabel: string;
  providerName: string | null;
}

const defaultMaxVisitMinutes = defaultVisitSettings.maxVisitMinutes;

/** Pairs openings into visits, oldest first. */
export function deriveVisits(
  openings: readonly DoorOpening[],
  maxVisitMinutes = defaultMaxVisitMinutes,
): Visit[] {
  const sorted = [...openings].sort((a, b) => a.at - b.at);
  const open = new Map<string, DoorOpening>();
  const visits: Visit[] = [];
  const close = (start: DoorOpening, departure: number | null) =>
    visits.push({
      arrival: start.at,
      departure,
      staffLabel: start.staffLabel,
      providerName: start.providerName,
    });
  for (const opening of sorted) {
    const start = open.get(opening.staffKey);
    if (start && opening.at - start.at <= maxVisitMinutes * 60_000) {
      close(start, opening.at);
      open.delete(opening.staffKey);
      continue;
    }
    if (start) close(start, null);
    open.set(opening.staffKey, opening);
  }
  for (const start of open.values()) close(start, null);
  return visits.sort((a, b) => a.arrival - b.arrival);
}

export interface AnomalyEvent {
  at: number;
  doorId: string | null;
  propertyId: string | null;
  keyId: string | null;
  isRefused: boolean;
}

export interface Anomaly {
  kind: 'repeated_refusals' | 'unusual_hour' | 'key_at_two_properties';
  at: number;
  doorId: string | null;
  keyId: string | null;
  message: string;
}

/**
 * Anomaly rules over a time-ordered list of events: at least `refusals` refused attempts at one
 * door within `refusalMinutes`; openings between `quietFrom` and `quietTo` local hour (given as
 * a function, so time zones stay outside); one key at two different properties within
 * `travelMinutes` (properties have no coordinates, so "distant" means "another property").
 */
export function findAnomalies(
  events: readonly AnomalyEvent[],
  options: {
    localHour: (at: number) => number;
    refusals?: number;
    refusalMinutes?: number;
    quietFrom?: number;
    quietTo?: number;
    travelMinutes?: number;
  },
): Anomaly[] {
  const refusals = options.refusals ?? 3;
  const refusalMs = (options.refusalMinutes ?? 10) * 60_000;
  const quietFrom = options.quietFrom ?? 1;
  const quietTo = options.quietTo ?? 5;
  const travelMs = (options.travelMinutes ?? 2) * 60_000;
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const anomalies: Anomaly[] = [];
  const refusedByDoor = new Map<string, number[]>();
  const lastByKey = new Map<string, AnomalyEvent>();
  for (const event of sorted) {
    if (event.isRefused && event.doorId) {
      const list = (refusedByDoor.get(event.doorId) ?? []).filter((t) => event.at - t <= refusalMs);
      list.push(event.at);
      refusedByDoor.set(event.doorId, list);
      if (list.length === refusals)
        anomalies.push({
          kind: 'repeated_refusals',
          at: event.at,
          doorId: event.doorId,
          keyId: event.keyId,
          message: `${refusals} refused attempts within ${refusalMs / 60_000} minutes`,
        });
    }
    if (!event.isRefused) {
      const hour = options.localHour(event.at);
      if (hour >= quietFrom && hour < quietTo)
        anomalies.push({
          kind: 'unusual_hour',
          at: event.at,
          doorId: event.doorId,
          keyId: event.keyId,
          message: `opened at ${String(hour).padStart(2, '0')}:xx, a quiet hour`,
        });
    }
    if (event.keyId && event.propertyId) {
      const last = lastByKey.get(event.keyId);
      if (last?.propertyId && last.propertyId !== event.propertyId && event.at - last.at < travelMs)
        anomalies.push({
          kind: 'key_at_two_properties',
          at: event.at,
          doorId: event.doorId,
          keyId: event.keyId,
          message: `the same key was used at another property ${Math.round((event.at - last.at) / 1000)} s earlier`,
        });
      lastByKey.set(event.keyId, event);
    }
  }
  return anomalies;
}
