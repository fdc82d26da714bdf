// Visit registration's shapes (docs/visits.md): visits with their versions and the signed records
// they came from, manual registration, corrections, declines and voidings, and what the care system plans
// and grants. The vocabularies are core's.
import { relativesStaffNamings, visitServices, visitSources, visitStates } from '@portvakt/core';
import { Type, type Static } from 'typebox';
import { cursorPage, cursorPageQuery } from './cursor-page';
import { Base64Url } from './devices';
import { day, listPeriod, month, orNull, recordedName, timestamp, uuid } from './schema-parts';

const Service = Type.Enum([...visitServices]);
const Services = Type.Array(Service, { maxItems: visitServices.length, uniqueItems: true });
const StaffIds = Type.Array(uuid(), { minItems: 1, maxItems: 4, uniqueItems: true });

export const Visit = Type.Object({
  id: uuid(),
  version: Type.Integer(),
  customerId: uuid(),
  customerName: Type.String(),
  providerId: uuid(),
  staffMemberIds: Type.Array(uuid()),
  staffNames: Type.Array(Type.String()),
  source: Type.Enum([...visitSources]),
  state: Type.Enum([...visitStates]),
  arrival: timestamp(),
  departure: orNull(timestamp()),
  minutes: orNull(
    Type.Integer({
      description:
        'Customer time; staff time is this × staff count. 0 for a declined or voided visit (it counts nothing), null without a departure.',
    }),
  ),
  services: Type.Array(Type.String()),
  declinedReason: orNull(Type.String()),
  note: orNull(Type.String()),
});
export type Visit = Static<typeof Visit>;

export const VisitPage = cursorPage(Visit);
export type VisitPage = Static<typeof VisitPage>;

const EvidenceRole = Type.Union([Type.Literal('arrival'), Type.Literal('departure')]);

/**
 * A signed lock record a visit came from: the device's chain position and what it said. On a
 * phone visit, `confirmation` is the staff member's own opening of the customer's door during the
 * stay, attached to it instead of being derived as a second visit (docs/visits.md).
 */
export const LockRecordEvidence = Type.Object({
  kind: Type.Literal('lock_record'),
  role: Type.Union([Type.Literal('arrival'), Type.Literal('departure'), Type.Literal('confirmation')], {
    description:
      'What the record is to the visit: its arrival, its departure, or (a phone visit) the staff member’s opening of the customer’s door that confirms it.',
  }),
  deviceId: uuid(),
  sequence: Type.Integer(),
  occurredAt: orNull(timestamp()),
  doorId: orNull(uuid()),
  record: orNull(
    Type.String({
      description:
        'The record’s exact bytes (protocol event record, CBOR) as the lock signed them into its chain, base64url; null once retention removed it.',
    }),
  ),
});

/**
 * A phone's signed check-in or check-out a visit came from: the exact bytes (protocol "visit
 * check", COSE_Sign1), verifiable with the phone's enrolled public key.
 */
export const PhoneRequestEvidence = Type.Object({
  kind: Type.Literal('phone_request'),
  role: EvidenceRole,
  /** The phone: its enrolment id, which is its digital key's id. */
  deviceId: uuid(),
  /** The issuer's time: the visit's arrival or departure. */
  occurredAt: timestamp(),
  /** The phone's clock as it signed. */
  signedAt: timestamp(),
  nonce: Type.String({ description: 'The request’s nonce, hex.' }),
  request: Type.String({ description: 'The signed request as received, base64url.' }),
  requestSha256: Type.String({
    description: 'SHA-256 of the signed request, hex (the audit entry names it).',
  }),
});

/** What a visit came from: the lock records or the phone requests of its arrival and departure. */
export const VisitEvidence = Type.Union([LockRecordEvidence, PhoneRequestEvidence]);

export const VisitVersion = Type.Object({
  version: Type.Integer(),
  customerId: Type.String({
    format: 'uuid',
    description: 'Whose visit this version is: a correction may move a visit within a home (a couple).',
  }),
  state: Type.String(),
  arrival: timestamp(),
  departure: orNull(timestamp()),
  staffMemberIds: Type.Array(uuid()),
  staffNames: Type.Array(Type.String(), {
    description: 'The version’s staff by name, in `staffMemberIds`’ order.',
  }),
  services: Type.Array(Type.String()),
  declinedReason: orNull(Type.String()),
  createdBy: Type.String({
    description:
      'Who made the version: a username, `token:<name>`, or `lock` / `phone` for one a signed record made.',
  }),
  createdByName: recordedName(
    'That account’s name: the municipality’s staff and the visit’s provider’s people are named; null otherwise.',
  ),
  createdAt: timestamp(),
  reason: orNull(Type.String({ description: 'Why this version replaced the one before.' })),
  supersededAt: orNull(timestamp()),
  supersededBy: orNull(Type.String()),
  evidence: Type.Array(VisitEvidence, {
    description:
      'The signed records this version names: a time a person corrected names none, the version before keeps it.',
  }),
});

export const VisitDetail = Type.Object({
  visit: Visit,
  versions: Type.Array(VisitVersion),
  evidence: Type.Array(VisitEvidence),
  homeCustomers: Type.Array(Type.Object({ id: uuid(), name: Type.String() }), {
    description:
      'The other customers of the visit’s customer’s home (sharing the apartment door: a couple) the reader may see: whom a correction can move the visit to (`customerId`).',
  }),
});
export type VisitDetail = Static<typeof VisitDetail>;

export const VisitQuery = Type.Object(
  {
    ...listPeriod,
    customerId: Type.Optional(uuid()),
    staffMemberId: Type.Optional(uuid()),
    providerId: Type.Optional(uuid()),
    state: Type.Optional(Type.Enum([...visitStates])),
    ...cursorPageQuery(),
  },
  { additionalProperties: false },
);

export const RegisterVisitBody = Type.Object(
  {
    customerId: uuid(),
    staffMemberIds: StaffIds,
    arrival: timestamp(),
    departure: orNull(timestamp()),
    services: Services,
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

/** A correction names the version it corrects, so two work leads cannot overwrite each other. */
export const CorrectVisitBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    reason: Type.String({ minLength: 3, maxLength: 500 }),
    arrival: Type.Optional(timestamp()),
    departure: Type.Optional(orNull(timestamp())),
    staffMemberIds: Type.Optional(StaffIds),
    services: Type.Optional(Services),
    customerId: Type.Optional(
      Type.String({
        format: 'uuid',
        description:
          'Moves the visit to another customer of the same home (sharing the apartment door: a couple), e.g. a lock visit at their door that was for the other spouse; anyone else is `422 customer_not_in_home`.',
      }),
    ),
  },
  { additionalProperties: false },
);

/** A decline or a voiding: the version it replaces and why (the customer's reason, or the mistake). */
const VersionWithReason = Type.Object(
  { version: Type.Integer({ minimum: 1 }), reason: Type.String({ minLength: 3, maxLength: 500 }) },
  { additionalProperties: false },
);
export const DeclineVisitBody = VersionWithReason;
export const VoidVisitBody = VersionWithReason;

export const PlannedVisitInput = Type.Object(
  {
    externalId: Type.String({ minLength: 1, maxLength: 100 }),
    customerId: uuid(),
    providerId: uuid(),
    services: Type.Array(Service, { minItems: 1, maxItems: visitServices.length, uniqueItems: true }),
    plannedMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
    staffCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
    windowStart: timestamp(),
    windowEnd: timestamp(),
  },
  { additionalProperties: false },
);
export type PlannedVisitInput = Static<typeof PlannedVisitInput>;

export const GrantedTimeInput = Type.Object(
  {
    customerId: uuid(),
    service: Service,
    month: month(),
    minutes: Type.Integer({ minimum: 0, maximum: 44640 }),
    decisionReference: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type GrantedTimeInput = Static<typeof GrantedTimeInput>;

/** What one file from the care system changed: matched by id, so the same file twice changes nothing. */
export const ImportResult = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
});
export type ImportResult = Static<typeof ImportResult>;

/** Visit registration's municipality settings (docs/visits.md "Settings"), part of the settings PATCH. */
/** `settings.visitWindowMode` (docs/permissions.md "Visit-window mode"). */
export const VisitWindowModeSetting = Type.Object(
  {
    enabled: Type.Boolean({
      description: 'Customers are under the mode unless their own `visitWindowMode` says otherwise.',
    }),
    marginMinutes: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 240,
        description: 'Minutes before and after a planned visit’s window that staff may open (default 30).',
      }),
    ),
    breakGlassMinutes: Type.Optional(
      Type.Integer({
        minimum: 5,
        maximum: 720,
        description:
          'How long an alarm opens the customer’s doors to the alarm-serving provider (default 60).',
      }),
    ),
  },
  { additionalProperties: false },
);

export const visitSettingsProperties = {
  relativesStaffNaming: Type.Optional(
    Type.Enum([...relativesStaffNamings], {
      description:
        'How the relatives’ visit list names staff: first name, or a role word such as "Undersköterska" (default).',
    }),
  ),
  deriveVisits: Type.Optional(
    Type.Boolean({ description: 'Lock records make visits at ingest (default true).' }),
  ),
  maxVisitMinutes: Type.Optional(
    Type.Integer({
      minimum: 15,
      maximum: 720,
      description: 'Openings further apart are two visits (default 120).',
    }),
  ),
  visitLockDay: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 28,
      description: 'Day of the next month a month locks after (default 5).',
    }),
  ),
  compensationHolidayEves: Type.Optional(
    Type.Boolean({
      description:
        'Midsommarafton, julafton and nyårsafton are paid in the weekend band like public holidays (default true).',
    }),
  ),
  visitWindowMode: Type.Optional(VisitWindowModeSetting),
  compensationRates: Type.Optional(
    Type.Array(
      Type.Object(
        {
          band: Type.Enum(['day', 'evening', 'night', 'weekend']),
          perHour: Type.Number({ minimum: 0, maximum: 100_000 }),
          validFrom: Type.String({ format: 'date' }),
          validTo: orNull(Type.String({ format: 'date' })),
        },
        { additionalProperties: false },
      ),
      { minItems: 4, maxItems: 100 },
    ),
  ),
};

export const VisitException = Type.Object({
  key: Type.String({ description: 'Stable: names the visit version or planned visit it is about.' }),
  code: Type.String(),
  at: timestamp(),
  providerId: uuid(),
  customerId: uuid(),
  customerName: Type.String(),
  staffMemberIds: Type.Array(uuid()),
  visitIds: Type.Array(uuid()),
  plannedVisitId: orNull(uuid()),
  /** Whether it holds the visits' minutes back from the compensation run until resolved. */
  isHolding: Type.Boolean(),
  resolution: orNull(
    Type.Object({
      resolution: Type.String(),
      reason: Type.String(),
      resolvedBy: Type.String(),
      resolvedAt: timestamp(),
    }),
  ),
});
export type VisitException = Static<typeof VisitException>;

/** The longest period the exceptions queue is read for, in days; longer is `400 invalid_range`. */
export const maxVisitExceptionDays = 33;

export const VisitExceptionQuery = Type.Object(
  {
    ...listPeriod,
    providerId: Type.Optional(uuid()),
    isResolvedIncluded: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const VisitExceptionList = Type.Object({ items: Type.Array(VisitException) });

/** Confirming an exception as it is, with the reason (correcting or declining uses the visit's routes). */
export const ConfirmVisitExceptionBody = Type.Object(
  {
    key: Type.String({ minLength: 3, maxLength: 300 }),
    at: timestamp(),
    reason: Type.String({ minLength: 3, maxLength: 500 }),
    // The municipality names the provider; a work lead's is always their own.
    providerId: Type.Optional(uuid()),
  },
  { additionalProperties: false },
);

/** A staff member's day, or a customer's week, approved by the work lead (R5.3). */
export const ApproveVisitsBody = Type.Object(
  {
    staffMemberId: Type.Optional(uuid()),
    customerId: Type.Optional(uuid()),
    day: Type.String({ format: 'date', description: 'The (first) local day.' }),
    days: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 7, description: '1 (a day, default) to 7 (a week).' }),
    ),
  },
  { additionalProperties: false },
);

export const ApprovalResult = Type.Object({ approved: Type.Integer() });

export const AlarmInput = Type.Object(
  {
    externalId: Type.String({ minLength: 1, maxLength: 100, description: 'The alarm receiver’s id.' }),
    customerId: uuid(),
    raisedAt: timestamp(),
  },
  { additionalProperties: false },
);

export const AlarmBatch = Type.Array(AlarmInput, { minItems: 1, maxItems: 10_000 });

export const AlarmResponseReport = Type.Object({
  month: Type.String(),
  groups: Type.Array(
    Type.Object({
      districtId: uuid(),
      districtName: Type.String(),
      providerId: uuid(),
      providerName: Type.String(),
      alarms: Type.Integer(),
      medianMinutes: Type.Integer(),
      p90Minutes: Type.Integer(),
    }),
  ),
  unanswered: Type.Array(
    Type.Object({
      alarmId: uuid(),
      externalId: Type.String(),
      customerId: uuid(),
      customerName: Type.String(),
      districtName: Type.String(),
      raisedAt: timestamp(),
    }),
  ),
});
export type AlarmResponseReport = Static<typeof AlarmResponseReport>;

/** An opening that only a break-glass window allowed (docs/visits.md "Break-glass"). */
export const BreakGlassOpening = Type.Object({
  id: Type.String({ description: 'The lock record: `<device id>.<sequence>`.' }),
  windowId: uuid(),
  alarmId: uuid(),
  alarmExternalId: Type.String(),
  raisedAt: timestamp(),
  windowStartsAt: timestamp(),
  windowEndsAt: timestamp(),
  customerId: uuid(),
  customerName: Type.String(),
  providerId: uuid(),
  providerName: Type.String(),
  occurredAt: timestamp(),
  doorId: uuid(),
  doorLabel: Type.String(),
  staffMemberId: uuid(),
  staffName: Type.String(),
  review: orNull(Type.Object({ comment: Type.String(), reviewedBy: Type.String(), reviewedAt: timestamp() })),
});
export type BreakGlassOpening = Static<typeof BreakGlassOpening>;

export const BreakGlassOpeningQuery = Type.Object(
  {
    from: Type.Optional(timestamp()),
    to: Type.Optional(timestamp()),
    providerId: Type.Optional(uuid()),
    isReviewedIncluded: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const BreakGlassOpeningList = Type.Object({ items: Type.Array(BreakGlassOpening) });

export const breakGlassOpeningIdPattern =
  '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.[0-9]{1,18}$';

export const BreakGlassOpeningParams = Type.Object(
  { id: Type.String({ pattern: breakGlassOpeningIdPattern, maxLength: 60 }) },
  { additionalProperties: false },
);

/** The work lead's review of a break-glass opening: the comment is required. */
export const ReviewBreakGlassBody = Type.Object(
  {
    comment: Type.String({
      minLength: 3,
      maxLength: 2000,
      pattern: '\\S',
      description: 'Why the door was opened, as the work lead found out.',
    }),
  },
  { additionalProperties: false },
);

/** The phone app's day (POST /api/v1/device/planned-visits): a sync request signed by the phone. */
export const PhonePlannedVisitsBody = Type.Object(
  { request: Base64Url('credential request (purpose sync) signed by the phone’s key', 512) },
  { additionalProperties: false },
);

/** Today's planned visits at the customers the phone holder's teams serve, by window start. */
export const PhonePlannedVisitsReply = Type.Object({
  day: day(),
  timeZone: Type.String(),
  plannedVisits: Type.Array(
    Type.Object({
      id: uuid(),
      customerId: uuid(),
      customerName: Type.String(),
      address: orNull(Type.String({ description: 'The street address of the customer’s home.' })),
      apartment: orNull(Type.String({ description: 'The apartment, or the label of its door.' })),
      windowStart: timestamp(),
      windowEnd: timestamp(),
      plannedMinutes: Type.Integer(),
      staffCount: Type.Integer(),
      services: Type.Array(Service),
      checkedInAt: orNull(timestamp(), {
        description: 'Arrival of the holder’s visit at the customer overlapping the window, if any.',
      }),
      checkedOutAt: orNull(timestamp(), { description: 'Its departure; null while it is open.' }),
      checkedInBy: Type.Optional(
        orNull(Type.Enum(['phone', 'lock', 'manual']), {
          description:
            'Where that visit came from: a phone check-in (which the phone checks out), the lock (a door opened: it ends when the door is opened on leaving), or registered by hand.',
        }),
      ),
    }),
  ),
});
export type PhonePlannedVisitsReply = Static<typeof PhonePlannedVisitsReply>;
export type PhonePlannedVisit = PhonePlannedVisitsReply['plannedVisits'][number];
