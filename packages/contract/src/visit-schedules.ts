// When staff work and when visits are planned (docs/visits.md "Work shifts", "Planned visits and
// granted time"): work shifts with their approval, and planned visits as the console reads them
// beside the visits. Part of visit registration; its own file to keep visits.ts readable.
import { workShiftSources } from '@portvakt/core';
import { Type, type Static } from 'typebox';
import { cursorPage, cursorPageQuery } from './cursor-page';
import { listPeriod, orNull, recordedName, timestamp, uuid } from './schema-parts';

export const WorkShift = Type.Object({
  id: uuid(),
  staffMemberId: uuid(),
  staffName: Type.String(),
  providerId: uuid(),
  source: Type.Enum([...workShiftSources]),
  startsAt: timestamp(),
  endsAt: timestamp(),
  approvedAt: orNull(timestamp(), { description: 'When the work lead approved the staff member’s day.' }),
  approvedBy: orNull(Type.String()),
  approvedByName: recordedName('The approver’s name: the provider’s work lead or the municipality’s staff.'),
});
export type WorkShift = Static<typeof WorkShift>;

export const WorkShiftPage = cursorPage(WorkShift);
export type WorkShiftPage = Static<typeof WorkShiftPage>;

/** A local day, or a period of instants: shifts overlapping it, earliest first. */
export const WorkShiftQuery = Type.Object(
  {
    day: Type.Optional(Type.String({ format: 'date', description: 'A local day (instead of from/to).' })),
    from: Type.Optional(timestamp()),
    to: Type.Optional(timestamp()),
    staffMemberId: Type.Optional(uuid()),
    providerId: Type.Optional(uuid()),
    ...cursorPageQuery(),
  },
  { additionalProperties: false },
);

/** A shift the devices did not see, registered afterwards by the work lead (source `manual`). */
export const RegisterWorkShiftBody = Type.Object(
  { staffMemberId: uuid(), startsAt: timestamp(), endsAt: timestamp() },
  { additionalProperties: false },
);

export const PlannedVisit = Type.Object({
  id: uuid(),
  externalId: Type.String(),
  customerId: uuid(),
  customerName: Type.String(),
  providerId: uuid(),
  services: Type.Array(Type.String()),
  plannedMinutes: Type.Integer(),
  staffCount: Type.Integer(),
  windowStart: timestamp(),
  windowEnd: timestamp(),
});
export type PlannedVisit = Static<typeof PlannedVisit>;

export const PlannedVisitPage = cursorPage(PlannedVisit);
export type PlannedVisitPage = Static<typeof PlannedVisitPage>;

/** Planned visits whose window overlaps [from, to), earliest first. */
export const PlannedVisitQuery = Type.Object(
  {
    ...listPeriod,
    customerId: Type.Optional(uuid()),
    providerId: Type.Optional(uuid()),
    ...cursorPageQuery(),
  },
  { additionalProperties: false },
);
