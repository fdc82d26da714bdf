// Anomalies in the event log (R4.4; docs/event-log.md "Reports"): repeated refusals at a door,
// openings at quiet hours, one key at two properties too quickly. Pure.

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
