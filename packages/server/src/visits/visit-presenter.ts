// Visits as the API shows them (contract `Visit`): instants as ISO strings, and customer time in
// whole minutes (staff time is that times the staff count; docs/visits.md "Double staffing").
import type { Visit } from '@portvakt/contract';
import { isVisitCounted } from '@portvakt/core';
import type { VisitRow } from '@portvakt/storage';

export function presentVisit(row: VisitRow): Visit {
  return {
    id: row.id,
    version: row.version,
    customerId: row.customerId,
    customerName: row.customerName,
    providerId: row.providerId,
    staffMemberIds: row.staffMemberIds,
    staffNames: row.staffNames,
    source: row.source,
    state: row.state,
    arrival: row.arrival.toISOString(),
    departure: row.departure?.toISOString() ?? null,
    // Customer time, as billing and relatives' list count it: none for a declined or voided visit.
    minutes: !isVisitCounted(row.state)
      ? 0
      : row.departure
        ? Math.round((row.departure.getTime() - row.arrival.getTime()) / 60_000)
        : null,
    services: row.services,
    declinedReason: row.declinedReason,
    note: row.note,
  };
}
