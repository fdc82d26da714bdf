// Visits from verified lock records, derived at ingest (R5.1; docs/visits.md "Derivation"). A
// cylinder-ring lock logs key operations, not the door's state: staff turn the key on arrival and
// again when they leave. So at a customer's visit door a staff member's successful opening starts
// a visit and the same staff member's next opening there within the maximum visit length ends it.
// Ingest hands over only what a batch adds; the visits still open (no departure yet) come from
// the database, so a visit whose departure arrives in a later upload is completed, not duplicated.
// Pure: the caller resolves doors to customers and pseudonyms to staff.

/** One successful staff opening at a visit door, from a stored lock record. */
export interface LockOpening {
  deviceId: string;
  sequence: number;
  /** Corrected event time, ms since the epoch. */
  at: number;
  doorId: string;
  staffPseudonym: string;
}

/** A lock visit with an arrival and no departure yet. */
export interface OpenLockVisit {
  visitId: string;
  doorId: string;
  staffPseudonym: string;
  arrival: number;
}

export interface RecordRef {
  deviceId: string;
  sequence: number;
}

export interface NewLockVisit {
  doorId: string;
  staffPseudonym: string;
  arrival: number;
  arrivalRecord: RecordRef;
  departure: number | null;
  departureRecord: RecordRef | null;
}

export interface LockVisitChanges {
  /** Open visits in the database that these openings end. */
  completed: { visitId: string; departure: number; departureRecord: RecordRef }[];
  created: NewLockVisit[];
}

/**
 * Pairs `openings` (any order) with each other and with the visits still open, per door and staff
 * member, oldest first. An opening more than `maxVisitMinutes` after the open arrival starts a new
 * visit and leaves the old one without a departure (an exception for the work lead).
 */
export function deriveLockVisits(
  openVisits: readonly OpenLockVisit[],
  openings: readonly LockOpening[],
  maxVisitMinutes: number,
): LockVisitChanges {
  const maxMs = maxVisitMinutes * 60_000;
  const changes: LockVisitChanges = { completed: [], created: [] };
  const pending = new Map<string, OpenLockVisit | NewLockVisit>();
  for (const visit of openVisits) pending.set(pairKey(visit), visit);
  const sorted = [...openings].sort((a, b) => a.at - b.at || a.sequence - b.sequence);
  for (const opening of sorted) {
    const key = pairKey(opening);
    const open = pending.get(key);
    const record = { deviceId: opening.deviceId, sequence: opening.sequence };
    if (open && opening.at > open.arrival && opening.at - open.arrival <= maxMs) {
      if ('visitId' in open)
        changes.completed.push({ visitId: open.visitId, departure: opening.at, departureRecord: record });
      else {
        open.departure = opening.at;
        open.departureRecord = record;
      }
      pending.delete(key);
      continue;
    }
    const created: NewLockVisit = {
      doorId: opening.doorId,
      staffPseudonym: opening.staffPseudonym,
      arrival: opening.at,
      arrivalRecord: record,
      departure: null,
      departureRecord: null,
    };
    changes.created.push(created);
    pending.set(key, created);
  }
  return changes;
}

function pairKey(visit: { doorId: string; staffPseudonym: string }): string {
  return `${visit.doorId} ${visit.staffPseudonym}`;
}
