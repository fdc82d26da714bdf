// The event log's shapes (docs/event-log.md): event rows and pages, findings, the read log, the
// relatives' visit list, anomalies, legal holds and the per-day summary; and its vocabularies `as const`.
import { relativesStaffNamings, staffOccupations, relativesVisitStates } from '@portvakt/core';
import { eventKinds, type EventKind } from '@portvakt/protocol';
import { Type, type Static } from 'typebox';
import { idPage, orNull, recordedActor } from './schema-parts';

const Instant = Type.String({ format: 'date-time' });

/** What `GET /api/v1/event-log/{subject}/{id}` is asked about (customer: every door on the way in). */
export const eventSubjectKinds = ['lock', 'door', 'customer', 'staff', 'key'] as const;
export type EventSubjectKind = (typeof eventSubjectKinds)[number];

/**
 * Record kinds by wire code: code = position + 1 (docs/protocol.md; the numbers never change).
 * The protocol's table is their one home; the server's contract test checks the positions.
 */
export const eventRecordKinds: readonly EventKind[] = (Object.keys(eventKinds) as EventKind[]).sort(
  (a, b) => eventKinds[a] - eventKinds[b],
);
export type EventRecordKind = EventKind;

/** What ingest and verify-log write to `event_finding`. */
export const eventFindingKinds = [
  'gap',
  'gap_filled',
  'rejected_batch',
  'unknown_device',
  'conflicting_record',
  'altered_record',
  'bad_head_signature',
  'broken_chain',
  'audit_trail',
  'chain-fork',
  'missing_record',
  'missing_chain',
  'head_ledger',
  'unauthorised_cabinet_record',
] as const;
export type EventFindingKind = (typeof eventFindingKinds)[number];

export const EventRow = Type.Object({
  deviceId: Type.String(),
  sequence: Type.Integer(),
  occurredAt: Instant,
  deviceTime: Instant,
  receivedAt: Instant,
  kind: Type.Integer(),
  result: Type.Integer(),
  reason: Type.Integer(),
  battery: Type.Integer(),
  keyId: orNull(Type.String()),
  staffPseudonym: orNull(Type.String()),
  staffMemberId: orNull(Type.String()),
  staffName: orNull(Type.String()),
  providerId: orNull(Type.String()),
  providerName: orNull(Type.String()),
  lockNumber: orNull(Type.Integer()),
  lockDeviceId: orNull(Type.String()),
  doorId: orNull(Type.String()),
  doorLabel: orNull(Type.String(), {
    description: 'The door’s label, when the caller may see that door (work leads: their customers’ doors)',
  }),
  doorKind: orNull(Type.String()),
  lockSerial: orNull(Type.String(), {
    description: 'The lock’s serial, for roles that read locks (lockNumber is always there)',
  }),
  source: Type.String(),
  blockListVersion: orNull(Type.Integer()),
  verified: orNull(Type.Boolean()),
  claimedKeyId: orNull(Type.String(), {
    description: 'Key id an unverified attempt claimed: not verified, never attributed to anyone',
  }),
  count: orNull(Type.Integer()),
  firstTime: orNull(Instant),
});

/** A page of events, newest first; `nextCursor` continues after the last row. */
export const EventPage = Type.Object({ items: Type.Array(EventRow), nextCursor: orNull(Type.String()) });

export const EventFindingRow = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  deviceId: orNull(Type.String()),
  firstSequence: orNull(Type.Integer()),
  lastSequence: orNull(Type.Integer()),
  message: Type.String(),
  sourceKind: orNull(Type.String()),
  sourceDeviceId: orNull(Type.String()),
  foundBy: Type.String(),
  foundAt: Instant,
});

export const EventFindingPage = idPage(EventFindingRow);

/** One read of the event log: who looked at whose events, when. */
export const EventReadRow = Type.Object({
  id: Type.Integer(),
  occurredAt: Instant,
  ...recordedActor,
  queryKind: Type.String(),
  subjectKind: Type.String(),
  subjectId: orNull(Type.String()),
  timeFrom: orNull(Instant),
  timeTo: orNull(Instant),
  rowCount: Type.Integer(),
});

export const EventReadPage = idPage(EventReadRow);

/**
 * A visit as the relatives' visit list shows it (docs/visits.md "Relatives' visit list"): the
 * stored visit's current version, in local date and times. The state and staff are codes a client
 * puts into the reader's language (the CSV and PDF say them in Swedish).
 */
export const RelativesVisit = Type.Object({
  date: Type.String({ format: 'date' }),
  arrival: Type.String({ description: 'Local time, HH:MM' }),
  departure: orNull(Type.String({ description: 'Local time, HH:MM; null when the visit has no departure' })),
  minutes: orNull(
    Type.Integer({
      description: 'Customer time as billing counts it: 0 when declined, null without departure',
    }),
  ),
  staff: Type.Array(
    Type.Object({
      givenName: orNull(
        Type.String({ description: 'The first name, when relativesStaffNaming is first_name' }),
      ),
      occupation: orNull(
        Type.Enum([...staffOccupations], {
          description: 'What they work as, when relativesStaffNaming is role_word; null when not recorded',
        }),
      ),
    }),
    { description: 'What relatives may know of each member of staff on the visit, per relativesStaffNaming' },
  ),
  provider: Type.String(),
  state: Type.Enum([...relativesVisitStates], {
    description: 'Never `voided`: a visit registered by mistake is not listed',
  }),
});

export const RelativesVisitList = Type.Object({
  customerName: Type.String(),
  firstDay: Type.String({ format: 'date', description: 'First local day, included' }),
  lastDay: Type.String({ format: 'date', description: 'Last local day, included' }),
  from: Instant,
  to: Instant,
  staffNaming: Type.Enum([...relativesStaffNamings]),
  totalMinutes: Type.Integer(),
  visits: Type.Array(RelativesVisit),
});
export type RelativesVisitList = Static<typeof RelativesVisitList>;

export const anomalyKinds = ['repeated_refusals', 'unusual_hour', 'key_at_two_properties'] as const;

export const AnomalyRow = Type.Object({
  kind: Type.Union(anomalyKinds.map((kind) => Type.Literal(kind))),
  at: Instant,
  doorId: orNull(Type.String()),
  keyId: orNull(Type.String()),
  message: Type.String(),
});

export const AnomalyList = Type.Object({ items: Type.Array(AnomalyRow) });

export const LegalHoldRow = Type.Object({
  id: Type.String(),
  customerId: orNull(Type.String()),
  lockDeviceId: orNull(Type.String()),
  reason: Type.String(),
  placedBy: Type.String(),
  placedAt: Instant,
  releasedBy: orNull(Type.String()),
  releasedAt: orNull(Instant),
});

export const LegalHoldList = Type.Object({ items: Type.Array(LegalHoldRow) });

export const EventDaySummary = Type.Object({
  from: Instant,
  to: Instant,
  timeZone: Type.String(),
  days: Type.Array(
    Type.Object({
      day: Type.String({ format: 'date' }),
      openings: Type.Integer(),
      refused: Type.Integer(),
    }),
  ),
});
