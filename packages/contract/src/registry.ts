import { Type, type Static, type TProperties } from 'typebox';
import { OpeningWindow } from './rollout';
import { day, orNull, text, timestamp, uuid } from './schema-parts';

// Registry rows as the API answers them (GET /api/v1/customers, /locks, /staff, /teams, ...).
// The server answers with these schemas; a server test checks each one against the schema it
// would build from core's entity definitions, so the two cannot drift apart.

// The enumerations are the domain's own (core), re-exported by index.ts.
import {
  doorKinds,
  keyKinds,
  keyStatuses,
  lockStatuses,
  lockTypes,
  openingMethods,
  ownerships,
  providerKinds,
  serviceKinds,
  staffOccupations,
} from '@portvakt/core';

const note = (maxLength: number) => Type.String({ minLength: 0, maxLength });

/** What every registry row carries. */
const rowBase = { id: uuid(), createdAt: timestamp(), updatedAt: timestamp() };
/** A customer's or a staff member's name. */
const personName = { givenName: text(100), familyName: text(100) };
const hasIdentityNumber = Type.Boolean({ description: 'Whether an identity number is on file.' });
/**
 * The care system's id of a row an import brought in (docs/imports.md "Matching"): read-only, null
 * for a row made by hand; `?externalId=` filters by it (core's `careSystemId`).
 */
const externalId = orNull(
  Type.String({
    minLength: 0,
    maxLength: 200,
    description: 'The care system’s id of the record (set by an import); null for a row made by hand.',
  }),
);
/** Assignments valid from an instant, until one or open-ended. */
const validity = { validFrom: orNull(timestamp()), validUntil: orNull(timestamp()) };
const grantedBy = Type.String({
  minLength: 0,
  maxLength: 200,
  description: 'Who made the change (set by the system).',
});

/** A permission fact (R3) as a row: stamped with who made it (R3.5), as core's `permissionFact`. */
const permissionFactRow = <Fields extends TProperties>(fields: Fields) =>
  Type.Object({ ...rowBase, ...fields, grantedBy });

export const DistrictRow = Type.Object({
  ...rowBase,
  code: text(20),
  name: text(100),
  rolloutStartQuarter: orNull(
    Type.String({
      minLength: 0,
      maxLength: 7,
      pattern: '^[0-9]{4}-Q[1-4]$',
      description: 'Quarter the district goes keyless, e.g. 2027-Q1 (R8.1).',
    }),
  ),
});
export type DistrictRow = Static<typeof DistrictRow>;

export const PropertyRow = Type.Object({
  ...rowBase,
  districtId: uuid(),
  ownerId: orNull(uuid()),
  designation: Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'Fastighetsbeteckning, e.g. Sveaborg 4.',
  }),
  streetAddress: text(200),
  postalCode: orNull(note(10)),
  city: orNull(note(100)),
  latitude: orNull(
    Type.Number({
      minimum: -90,
      maximum: 90,
      description: 'WGS 84 latitude, for battery rounds in visiting order; given together with longitude.',
    }),
  ),
  longitude: orNull(Type.Number({ minimum: -180, maximum: 180 })),
});
export type PropertyRow = Static<typeof PropertyRow>;

export const DoorRow = Type.Object({
  ...rowBase,
  propertyId: uuid(),
  kind: Type.Enum([...doorKinds]),
  label: text(100),
  floor: orNull(Type.Integer({ minimum: -10, maximum: 200 })),
  doorCodeHours: orNull(
    Type.String({
      minLength: 0,
      maxLength: 200,
      description: 'A note on when an existing door code works; the rule reads openingHours (R2.6).',
    }),
  ),
  openingMethod: orNull(
    Type.Enum([...openingMethods], {
      description: 'How the door is opened without a lock of ours, e.g. door_code (R2.6).',
    }),
  ),
  openingHours: orNull(
    Type.Array(OpeningWindow, {
      minItems: 1,
      maxItems: 14,
      description:
        'When it can be opened that way, local time, e.g. [{"from":"06:00","to":"22:00"}]; days are ISO weekdays (1 = Monday), every day when left out; null = at any hour (R2.6).',
    }),
  ),
  notes: orNull(note(1000)),
});
export type DoorRow = Static<typeof DoorRow>;

export const LocksmithCompanyRow = Type.Object({
  ...rowBase,
  name: text(200),
  organisationNumber: orNull(note(20)),
  contactEmail: orNull(note(200)),
  contactPhone: orNull(note(40)),
  // Contracted for emergency opening (R9.2); false unless set.
  isEmergencyContracted: orNull(Type.Boolean()),
});
export type LocksmithCompanyRow = Static<typeof LocksmithCompanyRow>;

/** One window in which a provider serves a service, local time. */
export const ServiceWindow = Type.Object(
  {
    from: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM local time' }),
    to: Type.String({
      pattern: '^([01][0-9]|2[0-4]):[0-5][0-9]$',
      description: 'HH:MM; before "from" means past midnight',
    }),
  },
  { additionalProperties: false },
);

export const ProviderRow = Type.Object({
  ...rowBase,
  name: text(200),
  organisationNumber: orNull(note(20)),
  ownership: Type.Enum([...ownerships]),
  kinds: Type.Array(Type.Enum([...providerKinds]), { minItems: 1, uniqueItems: true }),
  serviceWindows: orNull(
    Type.Object(
      Object.fromEntries(
        serviceKinds.map((service) => [service, Type.Optional(Type.Array(ServiceWindow, { maxItems: 7 }))]),
      ),
      {
        additionalProperties: false,
        description:
          'When the provider serves each service, local time, e.g. {"home_care":[{"from":"22:00","to":"07:00"}]}; a service without windows is served around the clock.',
      },
    ),
  ),
  contactEmail: orNull(note(200)),
  contactPhone: orNull(note(40)),
  externalId,
});
export type ProviderRow = Static<typeof ProviderRow>;

export const TeamRow = Type.Object({
  ...rowBase,
  providerId: uuid(),
  districtId: orNull(uuid()),
  name: text(100),
  area: orNull(note(200)),
  externalId,
});
export type TeamRow = Static<typeof TeamRow>;

export const CustomerRow = Type.Object({
  ...rowBase,
  districtId: uuid(),
  ...personName,
  residencePropertyId: orNull(uuid()),
  apartment: orNull(note(40)),
  apartmentDoorId: orNull(uuid()),
  hasRefusedLock: orNull(Type.Boolean()),
  refusedLockNote: orNull(note(1000)),
  visitWindowMode: orNull(
    Type.Boolean({
      description:
        'Visit-window mode: staff open the customer’s own doors only around planned visits (true), never restricted (false), or as the municipality setting says (null).',
    }),
  ),
  externalId,
  hasIdentityNumber,
  residenceAddress: Type.Optional(
    orNull(Type.String(), {
      description:
        'The street address of the customer’s home (their residence property); null when none is set.',
    }),
  ),
});
export type CustomerRow = Static<typeof CustomerRow>;

export const CustomerServiceRow = Type.Object({
  ...rowBase,
  customerId: uuid(),
  service: Type.Enum([...serviceKinds]),
  providerId: uuid(),
  startsOn: day(),
  endsOn: orNull(day()),
  externalId,
});
export type CustomerServiceRow = Static<typeof CustomerServiceRow>;

export const StaffMemberRow = Type.Object({
  ...rowBase,
  providerId: uuid(),
  ...personName,
  employeeNumber: orNull(note(40)),
  occupation: orNull(
    Type.Enum([...staffOccupations], {
      description: 'What they work as; the relatives’ visit list may show it instead of a name.',
    }),
  ),
  pseudonym: Type.String({
    minLength: 0,
    maxLength: 40,
    description: 'Random identifier carried by devices instead of the name.',
  }),
  employmentStartsOn: day(),
  employmentEndsOn: orNull(day()),
  externalId,
  hasIdentityNumber,
});
export type StaffMemberRow = Static<typeof StaffMemberRow>;

export const TeamMembershipRow = Type.Object({
  ...rowBase,
  teamId: uuid(),
  staffMemberId: uuid(),
  ...validity,
  externalId,
});
export type TeamMembershipRow = Static<typeof TeamMembershipRow>;

export const LockRow = Type.Object({
  ...rowBase,
  lockType: Type.Enum([...lockTypes]),
  serial: text(64),
  firmware: orNull(note(40)),
  status: orNull(Type.Enum([...lockStatuses])),
  doorId: orNull(uuid()),
  batteryLevel: orNull(Type.Integer({ minimum: 0, maximum: 100 })),
  installedAt: orNull(timestamp()),
  streetAddress: Type.Optional(
    orNull(Type.String(), {
      description: 'The street address of the property the lock’s door is in; null when it is on no door.',
    }),
  ),
});
export type LockRow = Static<typeof LockRow>;

export const DigitalKeyRow = Type.Object({
  ...rowBase,
  providerId: uuid(),
  kind: Type.Enum([...keyKinds]),
  serial: text(64),
  holderStaffMemberId: orNull(uuid()),
  status: orNull(Type.Enum([...keyStatuses])),
  statusReason: orNull(note(500)),
  holderName: Type.Optional(
    orNull(Type.String(), {
      description: 'The holder’s name, when the caller may be told it; null otherwise.',
    }),
  ),
});
export type DigitalKeyRow = Static<typeof DigitalKeyRow>;

export const TeamCustomerRow = permissionFactRow({
  teamId: uuid(),
  customerId: uuid(),
  ...validity,
  reason: orNull(note(500)),
  externalId,
});
export type TeamCustomerRow = Static<typeof TeamCustomerRow>;

export const AccessGrantRow = permissionFactRow({
  staffMemberId: uuid(),
  customerId: orNull(uuid()),
  doorId: orNull(uuid()),
  validFrom: orNull(timestamp()),
  validUntil: Type.String({ format: 'date-time', description: 'Individual grants always end (R3.3).' }),
  reason: text(500),
  grantedByName: Type.Optional(
    orNull(Type.String(), {
      description:
        'The name of the account that gave the grant (`grantedBy` keeps its username), where the reader may be told it; else null.',
    }),
  ),
});
export type AccessGrantRow = Static<typeof AccessGrantRow>;

/** The row schemas above by the resource they answer for (core's resource names). */
export const registryRowSchemas = {
  district: DistrictRow,
  property: PropertyRow,
  door: DoorRow,
  locksmith_company: LocksmithCompanyRow,
  provider: ProviderRow,
  team: TeamRow,
  customer: CustomerRow,
  customer_service: CustomerServiceRow,
  staff_member: StaffMemberRow,
  team_membership: TeamMembershipRow,
  lock_device: LockRow,
  digital_key: DigitalKeyRow,
  team_customer: TeamCustomerRow,
  access_grant: AccessGrantRow,
} as const;

/** The municipality (tenant) as GET /api/v1/municipality answers it, settings with defaults. */
export const MunicipalityRow = Type.Object({
  id: uuid(),
  code: Type.String(),
  name: Type.String(),
  settings: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type MunicipalityRow = Static<typeof MunicipalityRow>;

/** Who loses their way in when a lock comes off its door, as far as the caller may see. */
export const AccessLost = Type.Object({
  door: Type.Object({ id: uuid(), label: Type.String(), kind: Type.String(), streetAddress: Type.String() }),
  customerCount: Type.Integer(),
  customers: Type.Array(Type.Object({ id: uuid(), name: Type.String() }), {
    description: 'Names for roles that read every customer; an installer is told how many, not who.',
  }),
});
export type AccessLost = Static<typeof AccessLost>;

/** The answer of POST /api/v1/locks/{id}/dismount: the lock as it is now, and who lost access. */
export const LockDismountResult = Type.Object({ lock: LockRow, accessLost: orNull(AccessLost) });
export type LockDismountResult = Static<typeof LockDismountResult>;
