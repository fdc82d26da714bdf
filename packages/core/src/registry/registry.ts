import type { Resource } from '../platform/policy';

/** Door kinds (R2.1, R2.5). */
export const doorKinds = [
  'apartment_door',
  'entrance',
  'key_safe',
  'key_tube',
  'laundry_room',
  'waste_room',
  'medicine_cabinet',
  'electrical_room',
] as const;
export type DoorKind = (typeof doorKinds)[number];

/** Door kinds a property owner may see: shared doors that reveal nothing about residents (R2.7). */
export const ownerVisibleDoorKinds: readonly DoorKind[] = [
  'entrance',
  'laundry_room',
  'waste_room',
  'electrical_room',
];

export const lockTypes = ['cylinder_ring', 'inside_unit', 'key_safe', 'key_tube'] as const;
export const lockStatuses = ['in_stock', 'installed', 'faulty', 'removed'] as const;
export const keyKinds = ['hardware_key', 'phone'] as const;
export const keyStatuses = ['active', 'blocked', 'lost', 'retired'] as const;
export const providerKinds = ['day_home_care', 'night_patrol', 'alarm_patrol', 'home_health_care'] as const;
export const ownerships = ['municipal', 'private'] as const;
export const serviceKinds = ['home_care', 'safety_alarm', 'home_health_care'] as const;
/** How a door (usually an entrance) is opened when no lock of ours is in use on it (R2.6). */
export const openingMethods = [
  'door_code',
  'fob_in_key_safe',
  'key',
  'always_open',
  'digital_lock',
  'other',
] as const;
export type OpeningMethod = (typeof openingMethods)[number];
/**
 * What a staff member works as, when the provider records it: the role word the relatives' visit
 * list shows instead of a name when the municipality says so (docs/visits.md "Relatives").
 */
export const staffOccupations = ['assistant_nurse', 'care_assistant', 'nurse'] as const;
export type StaffOccupation = (typeof staffOccupations)[number];

export type FieldKind =
  | { type: 'text'; maxLength: number; pattern?: string }
  /** A phone number: text that must follow `phoneNumberPattern` when written (stored numbers are answered as they are). */
  | { type: 'phone'; maxLength: number }
  /** An organisation number: text that must pass `isOrganisationNumber` when written (stored numbers are answered as they are). */
  | { type: 'organisation_number'; maxLength: number }
  | { type: 'uuid'; references: Resource }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'enum[]'; values: readonly string[] }
  | { type: 'integer'; minimum: number; maximum: number }
  | { type: 'number'; minimum: number; maximum: number }
  | { type: 'boolean' }
  | { type: 'date' }
  | { type: 'timestamp' }
  | { type: 'object' }
  | { type: 'service_windows' }
  /** Local time windows a door can be opened in (R2.6): `{ from, to, days? }[]`, stored as JSON. */
  | { type: 'opening_hours' };

export interface FieldDefinition {
  kind: FieldKind;
  /** Must be given on create. */
  isRequired?: boolean;
  /** May be set to null. */
  isNullable?: boolean;
  /** Set by the system; never accepted from a client. */
  isReadOnly?: boolean;
  /** Can be fixed on create but not changed later (e.g. which provider owns a team). */
  isImmutable?: boolean;
  /** `?field=value` equality filter on lists. */
  isFilterable?: boolean;
  /** `?sort=field` on lists (only non-null fields). */
  isSortable?: boolean;
  /** Part of the free-text `q` search. */
  isSearchable?: boolean;
  description?: string;
}

export interface EntityDefinition {
  resource: Resource;
  /** URL segment under /api/v1. */
  path: string;
  /** Human singular, used in messages. */
  label: string;
  fields: Record<string, FieldDefinition>;
  /** Default list order. */
  defaultSort: string;
  /**
   * Holds a personal identity number (personnummer): accepted on write, stored encrypted,
   * never returned in lists or logs.
   */
  hasIdentityNumber?: boolean;
}

const text = (maxLength = 200, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  kind: { type: 'text', maxLength },
  ...extra,
});
const organisationNumber = (extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  kind: { type: 'organisation_number', maxLength: 20 },
  ...extra,
});
const phone = (extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  kind: { type: 'phone', maxLength: 40 },
  ...extra,
});
const ref = (references: Resource, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  kind: { type: 'uuid', references },
  isFilterable: true,
  ...extra,
});
const oneOf = (values: readonly string[], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  kind: { type: 'enum', values },
  isFilterable: true,
  ...extra,
});
const date = (extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  kind: { type: 'date' },
  ...extra,
});
const required = { isRequired: true } as const;
const nullable = { isNullable: true } as const;
/** Given at creation and never changed: what the row belongs to (a door's property, a membership's team). */
const fixed = { isRequired: true, isImmutable: true } as const;
const sortableName = { isRequired: true, isSortable: true, isSearchable: true } as const;

/**
 * The care system's own id of a row an import brought in (docs/imports.md "Matching"), so an
 * integration can map Portvakt's ids back to its own: set only by the import, null for a row typed
 * in by hand. Answered with the row to whoever may read the row, and filterable (`?externalId=`).
 */
const careSystemId = (extra: Partial<FieldDefinition> = {}): FieldDefinition =>
  text(200, {
    isReadOnly: true,
    isNullable: true,
    isFilterable: true,
    description: 'The care system’s id of the record (set by an import); null for a row made by hand.',
    ...extra,
  });
/** On a row with a name, free-text search (`q`) finds it by the care system's id too. */
const searchableCareSystemId = careSystemId({ isSearchable: true });

/** An assignment's validity: from an instant, until one or open-ended. */
const validity = {
  validFrom: { kind: { type: 'timestamp' }, isSortable: true },
  validUntil: { kind: { type: 'timestamp' }, isNullable: true },
} satisfies Record<string, FieldDefinition>;

/** The registry entities exposed as plain create/read/update/list/delete resources. */
export const registryEntities: EntityDefinition[] = [
  {
    resource: 'district',
    path: 'districts',
    label: 'district',
    defaultSort: 'name',
    fields: {
      code: text(20, { ...sortableName, isFilterable: true }),
      name: text(100, sortableName),
      rolloutStartQuarter: {
        kind: { type: 'text', maxLength: 7, pattern: '^[0-9]{4}-Q[1-4]$' },
        isNullable: true,
        isFilterable: true,
        description: 'Quarter the district goes keyless, e.g. 2027-Q1 (R8.1).',
      },
    },
  },
  {
    resource: 'property_owner',
    path: 'property-owners',
    label: 'property owner',
    defaultSort: 'name',
    fields: {
      name: text(200, sortableName),
      organisationNumber: organisationNumber({ ...nullable, isFilterable: true }),
      contactName: text(200, nullable),
      contactEmail: text(200, nullable),
      contactPhone: phone(nullable),
    },
  },
  {
    resource: 'property',
    path: 'properties',
    label: 'property',
    defaultSort: 'designation',
    fields: {
      districtId: ref('district', required),
      ownerId: ref('property_owner', nullable),
      designation: text(100, { ...sortableName, description: 'Fastighetsbeteckning, e.g. Sveaborg 4.' }),
      streetAddress: text(200, { ...sortableName }),
      postalCode: text(10, nullable),
      city: text(100, nullable),
      latitude: {
        kind: { type: 'number', minimum: -90, maximum: 90 },
        isNullable: true,
        description: 'WGS 84 latitude, for battery rounds in visiting order; given together with longitude.',
      },
      longitude: { kind: { type: 'number', minimum: -180, maximum: 180 }, isNullable: true },
    },
  },
  {
    resource: 'door',
    path: 'doors',
    label: 'door',
    defaultSort: 'label',
    fields: {
      propertyId: ref('property', fixed),
      // A different kind of door is a different door: locks, paths and owner visibility hang on it.
      kind: oneOf(doorKinds, fixed),
      label: text(100, sortableName),
      floor: { kind: { type: 'integer', minimum: -10, maximum: 200 }, isNullable: true },
      doorCodeHours: text(200, {
        ...nullable,
        description: 'A note on when an existing door code works; the rule reads openingHours (R2.6).',
      }),
      openingMethod: oneOf(openingMethods, {
        ...nullable,
        description: 'How the door is opened without a lock of ours, e.g. door_code (R2.6).',
      }),
      openingHours: {
        kind: { type: 'opening_hours' },
        isNullable: true,
        description:
          'When it can be opened that way, local time, e.g. [{"from":"06:00","to":"22:00"}]; days are ISO weekdays (1 = Monday), every day when left out; null = at any hour (R2.6).',
      },
      notes: text(1000, nullable),
    },
  },
  {
    resource: 'locksmith_company',
    path: 'locksmith-companies',
    label: 'locksmith company',
    defaultSort: 'name',
    fields: {
      name: text(200, sortableName),
      organisationNumber: organisationNumber(nullable),
      contactEmail: text(200, nullable),
      contactPhone: phone(nullable),
      // Contracted for emergency opening (R9.2): only such companies can be assigned one.
      isEmergencyContracted: { kind: { type: 'boolean' }, isFilterable: true },
    },
  },
  {
    resource: 'provider',
    path: 'providers',
    label: 'provider',
    defaultSort: 'name',
    fields: {
      name: text(200, sortableName),
      organisationNumber: organisationNumber(nullable),
      ownership: oneOf(ownerships, required),
      kinds: { kind: { type: 'enum[]', values: providerKinds }, isRequired: true },
      serviceWindows: {
        kind: { type: 'service_windows' },
        description:
          'When the provider serves each service, local time, e.g. {"home_care":[{"from":"22:00","to":"07:00"}]}; a service without windows is served around the clock.',
      },
      contactEmail: text(200, nullable),
      contactPhone: phone(nullable),
      externalId: searchableCareSystemId,
    },
  },
  {
    resource: 'team',
    path: 'teams',
    label: 'team',
    defaultSort: 'name',
    fields: {
      providerId: ref('provider', fixed),
      districtId: ref('district', nullable),
      name: text(100, sortableName),
      area: text(200, nullable),
      externalId: searchableCareSystemId,
    },
  },
  {
    resource: 'customer',
    path: 'customers',
    label: 'customer',
    defaultSort: 'familyName',
    hasIdentityNumber: true,
    fields: {
      districtId: ref('district', required),
      givenName: text(100, sortableName),
      familyName: text(100, sortableName),
      residencePropertyId: ref('property', nullable),
      apartment: text(40, nullable),
      apartmentDoorId: ref('door', nullable),
      hasRefusedLock: { kind: { type: 'boolean' }, isFilterable: true },
      refusedLockNote: text(1000, nullable),
      visitWindowMode: {
        kind: { type: 'boolean' },
        isNullable: true,
        description:
          'Visit-window mode: staff open the customer’s own doors only around planned visits (true), never restricted (false), or as the municipality setting says (null).',
      },
      externalId: searchableCareSystemId,
    },
  },
  {
    resource: 'customer_service',
    path: 'customer-services',
    label: 'customer service',
    defaultSort: 'startsOn',
    fields: {
      customerId: ref('customer', fixed),
      service: oneOf(serviceKinds, required),
      providerId: ref('provider', required),
      startsOn: date({ isRequired: true, isSortable: true }),
      endsOn: date(nullable),
      externalId: careSystemId(),
    },
  },
  {
    resource: 'staff_member',
    path: 'staff',
    label: 'staff member',
    defaultSort: 'familyName',
    hasIdentityNumber: true,
    fields: {
      providerId: ref('provider', fixed),
      givenName: text(100, sortableName),
      familyName: text(100, sortableName),
      employeeNumber: text(40, { ...nullable, isFilterable: true, isSearchable: true }),
      occupation: oneOf(staffOccupations, {
        ...nullable,
        description: 'What they work as; the relatives’ visit list may show it instead of a name.',
      }),
      pseudonym: text(40, {
        isReadOnly: true,
        description: 'Random identifier carried by devices instead of the name.',
      }),
      employmentStartsOn: date(required),
      employmentEndsOn: date(nullable),
      externalId: searchableCareSystemId,
    },
  },
  {
    resource: 'team_membership',
    path: 'team-memberships',
    label: 'team membership',
    defaultSort: 'validFrom',
    fields: {
      teamId: ref('team', fixed),
      staffMemberId: ref('staff_member', fixed),
      ...validity,
      externalId: careSystemId(),
    },
  },
  {
    resource: 'lock_device',
    path: 'locks',
    label: 'lock',
    defaultSort: 'serial',
    fields: {
      lockType: oneOf(lockTypes, fixed),
      serial: text(64, { ...sortableName, isFilterable: true }),
      firmware: text(40, nullable),
      status: oneOf(lockStatuses),
      doorId: ref('door', nullable),
      batteryLevel: { kind: { type: 'integer', minimum: 0, maximum: 100 }, isNullable: true },
      installedAt: { kind: { type: 'timestamp' }, isNullable: true },
    },
  },
  {
    resource: 'digital_key',
    path: 'keys',
    label: 'digital key',
    defaultSort: 'serial',
    fields: {
      providerId: ref('provider', fixed),
      kind: oneOf(keyKinds, required),
      serial: text(64, { ...sortableName, isFilterable: true }),
      holderStaffMemberId: ref('staff_member', nullable),
      status: oneOf(keyStatuses),
      statusReason: text(500, nullable),
    },
  },
];

const grantedBy = text(200, { isReadOnly: true, description: 'Who made the change (set by the system).' });

/**
 * A permission fact (R3): a plain resource too, so that every change is scoped and audited alike;
 * listed by when it starts, and stamped with who made it (R3.5).
 */
function permissionFact(entity: Omit<EntityDefinition, 'defaultSort'>): EntityDefinition {
  return { ...entity, defaultSort: 'validFrom', fields: { ...entity.fields, grantedBy } };
}

registryEntities.push(
  permissionFact({
    resource: 'team_customer',
    path: 'team-customers',
    label: 'team assignment',
    fields: {
      teamId: ref('team', fixed),
      customerId: ref('customer', fixed),
      ...validity,
      reason: text(500, nullable),
      externalId: careSystemId(),
    },
  }),
  permissionFact({
    resource: 'area_rule',
    path: 'area-rules',
    label: 'area rule',
    fields: {
      teamId: ref('team', fixed),
      districtId: ref('district', required),
      service: oneOf(serviceKinds),
      ...validity,
    },
  }),
  permissionFact({
    resource: 'access_grant',
    path: 'access-grants',
    label: 'individual grant',
    fields: {
      staffMemberId: ref('staff_member', fixed),
      customerId: ref('customer', { isNullable: true, isImmutable: true }),
      doorId: ref('door', { isNullable: true, isImmutable: true }),
      validFrom: validity.validFrom,
      validUntil: {
        kind: { type: 'timestamp' },
        isRequired: true,
        description: 'Individual grants always end (R3.3).',
      },
      reason: text(500, { isRequired: true }),
    },
  }),
  permissionFact({
    resource: 'shared_door_grant',
    path: 'shared-door-grants',
    label: 'shared-door grant',
    fields: {
      doorId: ref('door', fixed),
      teamId: ref('team', { isNullable: true, isImmutable: true }),
      staffMemberId: ref('staff_member', { isNullable: true, isImmutable: true }),
      ...validity,
      reason: text(500, nullable),
    },
  }),
);

/** Looks up the registry entity for a resource; throws for resources that are not plain registry entities. */
export function findEntity(resource: Resource): EntityDefinition {
  const entity = registryEntities.find((candidate) => candidate.resource === resource);
  if (!entity) throw new Error(`No registry entity for ${resource}`);
  return entity;
}
