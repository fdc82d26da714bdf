// Emergency opening's shapes (R9.2, docs/support.md "Emergency opening"): the emergency as the
// board shows it, reporting, assigning a contracted locksmith (the arrival link returned once),
// the door opened, closing with a cause, a follow-up; the locksmith's public arrival page, which
// names only the address and the doors on the way in; the SLA report; on-call contacts.
import { doorKinds, emergencyCauses, emergencyDeadlineFlags } from '@portvakt/core';
import { Type, type Static } from 'typebox';
import { expectedVersion, orNull, phoneNumber, recordedName, timestamp, uuid } from './schema-parts';

export const EmergencyOpening = Type.Object({
  id: uuid(),
  supportCaseId: uuid(),
  reference: Type.String({ description: 'The emergency’s support case, e.g. SUP-2027-K7QX4M.' }),
  customerId: orNull(uuid()),
  customerName: orNull(
    Type.String({ description: 'Null for installers: the locksmith needs the door, not the name.' }),
  ),
  doorId: uuid(),
  doorLabel: Type.String(),
  doorKind: Type.Enum([...doorKinds]),
  streetAddress: Type.String(),
  lockId: orNull(uuid()),
  lockSerial: orNull(Type.String()),
  providerId: orNull(uuid()),
  providerName: orNull(Type.String()),
  description: orNull(Type.String()),
  reportedAt: timestamp(),
  reportedBy: Type.String(),
  reportedByName: recordedName(
    'The reporter’s name while they are the provider’s people or the municipality’s staff; null for installers.',
  ),
  locksmithCompanyId: orNull(uuid()),
  locksmithCompanyName: orNull(Type.String()),
  assignedAt: orNull(timestamp()),
  assignedBy: orNull(Type.String()),
  dueAt: orNull(timestamp()),
  onSiteAt: orNull(timestamp()),
  doorOpenedAt: orNull(timestamp()),
  closedAt: orNull(timestamp()),
  cause: orNull(Type.Enum([...emergencyCauses])),
  followUpWorkOrderId: orNull(uuid()),
  followUpWorkOrderReference: orNull(Type.String()),
  followUpCaseId: orNull(uuid()),
  followUpCaseReference: orNull(Type.String()),
  deadline: orNull(
    Type.Enum([...emergencyDeadlineFlags], {
      description: 'Open and not on site: overdue past due_at, near with under 15 minutes left.',
    }),
  ),
  version: Type.Integer(),
});
export type EmergencyOpening = Static<typeof EmergencyOpening>;

export const EmergencyOpeningList = Type.Object({
  items: Type.Array(EmergencyOpening),
  now: timestamp(),
  slaMinutes: Type.Integer(),
});
export type EmergencyOpeningList = Static<typeof EmergencyOpeningList>;

export const EmergencyOpeningQuery = Type.Object(
  {
    state: Type.Optional(Type.Enum(['open', 'closed', 'all'], { description: 'Default open.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);

export const ReportEmergencyBody = Type.Object(
  {
    customerId: uuid(),
    doorId: uuid(),
    providerId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'Whose staff stand outside; support names it, staff and work leads are their own.',
      }),
    ),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const EmergencyTargetQuery = Type.Object(
  { search: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);

/** Customers the actor may report for, with the doors on their way in (the report form's choices). */
export const EmergencyTargetList = Type.Object({
  items: Type.Array(
    Type.Object({
      customerId: uuid(),
      customerName: Type.String(),
      streetAddress: orNull(Type.String()),
      doors: Type.Array(
        Type.Object({ doorId: uuid(), label: Type.String(), kind: Type.Enum([...doorKinds]) }),
      ),
    }),
  ),
});
export type EmergencyTargetList = Static<typeof EmergencyTargetList>;

export const AssignEmergencyBody = Type.Object(
  { locksmithCompanyId: uuid(), version: expectedVersion() },
  { additionalProperties: false },
);

export const EmergencyAssignment = Type.Object({
  emergency: EmergencyOpening,
  arrivalUrl: Type.String({ description: 'The single-use arrival link, shown once: read it out by phone.' }),
  mailedTo: Type.Array(Type.String(), { description: 'On-call contacts the link was mailed to.' }),
  mailFailedTo: Type.Array(Type.String(), {
    description: 'Contacts the mail could not reach: the assignment stands, call them.',
  }),
});
export type EmergencyAssignment = Static<typeof EmergencyAssignment>;

export const EmergencyVersionBody = Type.Object(
  { version: expectedVersion() },
  { additionalProperties: false },
);

export const CloseEmergencyBody = Type.Object(
  {
    version: expectedVersion(),
    cause: Type.Enum([...emergencyCauses]),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const emergencyFollowUpKinds = ['work_order', 'support_case'] as const;
export const EmergencyFollowUpBody = Type.Object(
  {
    version: expectedVersion(),
    kind: Type.Enum([...emergencyFollowUpKinds]),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const EmergencyArrivalParams = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

/** What the locksmith's link shows: the address, the doors on the way in, the deadline. Nothing else. */
export const EmergencyArrivalView = Type.Object({
  streetAddress: Type.String(),
  postalCode: orNull(Type.String()),
  city: orNull(Type.String()),
  doors: Type.Array(
    Type.Object({ label: Type.String(), kind: Type.Enum([...doorKinds]), floor: orNull(Type.Integer()) }),
    { description: 'From the street to the door that would not open.' },
  ),
  dueAt: timestamp(),
  onSiteAt: orNull(timestamp()),
});
export type EmergencyArrivalView = Static<typeof EmergencyArrivalView>;

export const EmergencySlaQuery = Type.Object(
  {
    from: Type.String({ format: 'date', description: 'First day (Stockholm) of assignments counted.' }),
    to: Type.String({ format: 'date', description: 'Last day, inclusive.' }),
  },
  { additionalProperties: false },
);

const slaFigures = {
  count: Type.Integer(),
  onTime: Type.Integer(),
  breached: Type.Integer(),
  pending: Type.Integer({ description: 'Not yet on site, not closed, deadline not passed.' }),
  closedBeforeArrival: Type.Integer({
    description:
      'Closed at or before the deadline without the locksmith on site (staff got in another way): neither on time nor breached.',
  }),
  shareWithin: orNull(Type.Number({ description: 'onTime / (onTime + breached).' })),
  medianMinutes: orNull(Type.Number()),
  p90Minutes: orNull(Type.Number()),
};

export const EmergencySlaReport = Type.Object({
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  slaMinutes: Type.Integer(),
  groups: Type.Array(
    Type.Object({
      month: Type.String(),
      locksmithCompanyId: uuid(),
      locksmithCompanyName: Type.String(),
      ...slaFigures,
    }),
  ),
  months: Type.Array(Type.Object({ month: Type.String(), ...slaFigures })),
  total: Type.Object(slaFigures),
  breaches: Type.Array(
    Type.Object({
      emergencyId: uuid(),
      reference: Type.String(),
      locksmithCompanyId: uuid(),
      locksmithCompanyName: Type.String(),
      month: Type.String(),
      assignedAt: timestamp(),
      dueAt: timestamp(),
      onSiteAt: orNull(timestamp()),
      closedAt: orNull(timestamp(), {
        description: 'When it was closed past the deadline without the locksmith on site.',
      }),
      minutes: Type.Integer({
        description: 'Assignment to on site; without the locksmith, to the closing or (still open) to now.',
      }),
      isStillWaiting: Type.Boolean({ description: 'Open, the locksmith not on site, past the deadline.' }),
    }),
  ),
});
export type EmergencySlaReport = Static<typeof EmergencySlaReport>;

export const OnCallContact = Type.Object({
  id: uuid(),
  locksmithCompanyId: uuid(),
  name: Type.String(),
  phone: Type.String(),
  email: orNull(Type.String()),
  callOrder: Type.Integer(),
  createdAt: timestamp(),
  endedAt: orNull(timestamp()),
});
export type OnCallContact = Static<typeof OnCallContact>;

export const OnCallContactList = Type.Object({
  locksmithCompanyId: uuid(),
  locksmithCompanyName: Type.String(),
  isEmergencyContracted: Type.Boolean(),
  items: Type.Array(OnCallContact, {
    description: 'Current contacts in call order; ended ones are left out.',
  }),
});
export type OnCallContactList = Static<typeof OnCallContactList>;

export const OnCallContactBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    phone: phoneNumber(),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    callOrder: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
  },
  { additionalProperties: false },
);
