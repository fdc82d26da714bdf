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
  /** Openings that belong to a staff member's phone visit at the customer and confirm it. */
  confirmed: { visitId: string; record: RecordRef }[];
}

/**
 * A visit the staff member registered with their phone at the door's customer: still open (no
 * check-out yet) or completed. Its times are its current version's.
 */
export interface PhoneVisitSpan {
  visitId: string;
  /** A visit door of the customer (or of the home they share): one span per such door. */
  doorId: string;
  staffPseudonym: string;
  arrival: number;
  departure: number | null;
}

/**
 * Pairs `openings` (any order) with each other and with the visits still open, per door and staff
 * member, oldest first. An opening more than `maxVisitMinutes` after the open arrival starts a new
 * visit and leaves the old one without a departure (an exception for the work lead).
 *
 * A staff member who checked in with their phone at a customer with a lock still turns the key:
 * those openings are that phone visit's, not a second visit of the same stay (which the queue
 * would hold back as `duplicate_visit`). So an opening by the same staff member at the customer's
 * door during the phone visit, or within `phoneVisitMarginMinutes` before its arrival or after its
 * departure (for a visit still open: within `maxVisitMinutes` after its arrival), confirms the
 * nearest such phone visit and makes no visit. An opening beyond that is a visit of its own: a
 * second call later the same morning, made with the key alone, is billed, not swallowed.
 */
export function deriveLockVisits(
  openVisits: readonly OpenLockVisit[],
  openings: readonly LockOpening[],
  maxVisitMinutes: number,
  phoneVisits: readonly PhoneVisitSpan[] = [],
): LockVisitChanges {
  const maxMs = maxVisitMinutes * 60_000;
  const changes: LockVisitChanges = { completed: [], created: [], confirmed: [] };
  const pending = new Map<string, OpenLockVisit | NewLockVisit>();
  for (const visit of openVisits) pending.set(pairKey(visit), visit);
  const sorted = [...openings].sort((a, b) => a.at - b.at || a.sequence - b.sequence);
  for (const opening of sorted) {
    const key = pairKey(opening);
    const record = { deviceId: opening.deviceId, sequence: opening.sequence };
    const phoneVisit = findPhoneVisitOf(opening, phoneVisits, maxMs);
    if (phoneVisit) {
      changes.confirmed.push({ visitId: phoneVisit.visitId, record });
      continue;
    }
    const open = pending.get(key);
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

/**
 * How long before a phone check-in, or after a check-out, the staff member's own key turn at the
 * door still belongs to that visit: unlocking on arrival and locking on leaving take minutes.
 */
export const phoneVisitMarginMinutes = 15;

/**
 * The reason a lock visit is voided with when a phone check-in takes it over (the turn that began
 * it came moments before the check-in): a code, which the console words, not a person's text.
 */
export const checkInTakeOverReason = 'phone_check_in';

/** Who made a version that visit derivation wrote (`created_by`): the lock's signed records. */
export const lockVisitAuthor = 'lock records';

/** The phone visit of the opening's staff member and door whose window holds it, the nearest first. */
function findPhoneVisitOf(
  opening: LockOpening,
  phoneVisits: readonly PhoneVisitSpan[],
  maxMs: number,
): PhoneVisitSpan | undefined {
  const marginMs = phoneVisitMarginMinutes * 60_000;
  let nearest: PhoneVisitSpan | undefined;
  let nearestDistance = Infinity;
  for (const visit of phoneVisits) {
    if (visit.doorId !== opening.doorId || visit.staffPseudonym !== opening.staffPseudonym) continue;
    // A visit still open holds the turns pairing would give it: up to maxVisitMinutes on.
    const distance =
      opening.at < visit.arrival
        ? visit.arrival - opening.at
        : visit.departure === null
          ? opening.at - visit.arrival <= maxMs
            ? 0
            : Infinity
          : Math.max(0, opening.at - visit.departure);
    if (distance <= marginMs && distance < nearestDistance) {
      nearest = visit;
      nearestDistance = distance;
    }
  }
  return nearest;
}

function pairKey(visit: { doorId: string; staffPseudonym: string }): string {
  return `${visit.doorId} ${visit.staffPseudonym}`;
}
