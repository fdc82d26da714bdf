// What a care-system import holds (docs/imports.md): one kind of record per file, each matched by
// the care system's own id (districts by their code), with the file's column names in Swedish and
// English. References between records are the care system's ids too, never ours.
import type { Resource } from '../platform/policy';

export const importKinds = [
  'districts',
  'providers',
  'teams',
  'customers',
  'services',
  'staff',
  'memberships',
  'assignments',
  'plannedVisits',
  'grantedTime',
] as const;
export type ImportKind = (typeof importKinds)[number];

export type ImportFieldType = 'text' | 'date' | 'timestamp' | 'list' | 'enum';

export interface ImportKindDefinition {
  kind: ImportKind;
  /** The registry resource a record of this kind is written as. */
  resource: Resource;
  /** The field holding the care system's id (districts: their code; granted time: its customer). */
  keyField: 'externalId' | 'code' | 'customerId';
  /** A record without an id of its own is keyed by these fields' values joined by spaces. */
  keyFields?: readonly string[];
  /**
   * Written by the care-plan upserts of visits (server/src/visits), not the registry's write
   * path: planned visits and granted time are not registry entities.
   */
  isCarePlan?: boolean;
  /** Values a row may leave out, as the care-plan routes default them. */
  defaults?: Record<string, string>;
  /** Fields compared and written, besides the key, with how a value is normalised. */
  fields: Record<string, ImportFieldType>;
  /** Fields holding the key of another kind's record (written as our id). */
  references: Record<string, ImportKind>;
  /** The field a full import sets when the record is no longer in the file; none: never ended. */
  endField?: { field: string; startField: string; type: 'date' | 'timestamp' };
  /** File names (without extension, case and accents ignored) that hold this kind: English, Swedish, others. */
  fileNames: readonly string[];
  /** Column names accepted beside the field's own name (Swedish first). */
  headers: Record<string, readonly string[]>;
}

const idHeaders = ['id', 'extern id', 'externt id'];
/** Columns naming another kind's record (by the care system's id), alike in every file that has one. */
const providerIdHeaders = ['utförar-id', 'utförare', 'provider'];
const customerIdHeaders = ['kund-id', 'kund', 'customer'];
const districtIdHeaders = ['område', 'områdeskod', 'district'];
const teamIdHeaders = ['team-id', 'team'];
const personNameHeaders = { givenName: ['förnamn'], familyName: ['efternamn'] };

/** A membership's or an assignment's validity: from an instant, until one; a full import ends it. */
const validity = {
  fields: { validFrom: 'timestamp', validUntil: 'timestamp' },
  headers: { validFrom: ['från', 'from'], validUntil: ['till', 'to', 'until'] },
  endField: { field: 'validUntil', startField: 'validFrom', type: 'timestamp' },
} as const;

/** The key of a record of `kind` from its values (granted time has no id of its own). */
export function findImportKey(kind: ImportKind, values: Record<string, unknown>): string {
  const definition = importKindDefinitions[kind];
  return definition.keyFields
    ? definition.keyFields.map((field) => String(values[field])).join(' ')
    : String(values[definition.keyField]);
}

export const importKindDefinitions: Record<ImportKind, ImportKindDefinition> = {
  districts: {
    kind: 'districts',
    resource: 'district',
    keyField: 'code',
    fields: { name: 'text' },
    references: {},
    fileNames: ['districts', 'omraden', 'områden'],
    headers: { code: ['kod', 'områdeskod'], name: ['namn'] },
  },
  providers: {
    kind: 'providers',
    resource: 'provider',
    keyField: 'externalId',
    fields: {
      name: 'text',
      organisationNumber: 'text',
      ownership: 'enum',
      kinds: 'list',
      contactEmail: 'text',
      contactPhone: 'text',
    },
    references: {},
    fileNames: ['providers', 'utforare', 'utförare'],
    headers: {
      externalId: [...idHeaders, 'utförar-id'],
      name: ['namn'],
      organisationNumber: ['organisationsnummer', 'orgnr'],
      ownership: ['regi'],
      kinds: ['verksamheter', 'typer'],
      contactEmail: ['e-post', 'epost'],
      contactPhone: ['telefon'],
    },
  },
  teams: {
    kind: 'teams',
    resource: 'team',
    keyField: 'externalId',
    fields: { providerId: 'text', districtId: 'text', name: 'text', area: 'text' },
    references: { providerId: 'providers', districtId: 'districts' },
    fileNames: ['teams', 'team', 'arbetsgrupper'],
    headers: {
      externalId: [...idHeaders, 'team-id'],
      providerId: providerIdHeaders,
      districtId: districtIdHeaders,
      name: ['namn'],
      area: ['verksamhetsområde', 'beskrivning'],
    },
  },
  customers: {
    kind: 'customers',
    resource: 'customer',
    keyField: 'externalId',
    fields: { districtId: 'text', givenName: 'text', familyName: 'text' },
    references: { districtId: 'districts' },
    fileNames: ['customers', 'kunder', 'brukare'],
    headers: {
      externalId: [...idHeaders, 'kund-id'],
      districtId: districtIdHeaders,
      ...personNameHeaders,
    },
  },
  services: {
    kind: 'services',
    resource: 'customer_service',
    keyField: 'externalId',
    fields: { customerId: 'text', service: 'enum', providerId: 'text', startsOn: 'date', endsOn: 'date' },
    references: { customerId: 'customers', providerId: 'providers' },
    endField: { field: 'endsOn', startField: 'startsOn', type: 'date' },
    fileNames: ['services', 'insatser', 'customer-services'],
    headers: {
      externalId: [...idHeaders, 'insats-id', 'beslut-id'],
      customerId: customerIdHeaders,
      service: ['insats'],
      providerId: providerIdHeaders,
      startsOn: ['från', 'startdatum', 'from'],
      endsOn: ['till', 'slutdatum', 'to'],
    },
  },
  staff: {
    kind: 'staff',
    resource: 'staff_member',
    keyField: 'externalId',
    fields: {
      providerId: 'text',
      givenName: 'text',
      familyName: 'text',
      employeeNumber: 'text',
      occupation: 'enum',
      employmentStartsOn: 'date',
      employmentEndsOn: 'date',
    },
    references: { providerId: 'providers' },
    endField: { field: 'employmentEndsOn', startField: 'employmentStartsOn', type: 'date' },
    fileNames: ['staff', 'personal', 'medarbetare'],
    headers: {
      externalId: [...idHeaders, 'personal-id'],
      providerId: providerIdHeaders,
      ...personNameHeaders,
      employeeNumber: ['anställningsnummer'],
      occupation: ['yrke'],
      employmentStartsOn: ['anställd från', 'anställningsstart'],
      employmentEndsOn: ['anställd till', 'anställningsslut'],
    },
  },
  memberships: {
    kind: 'memberships',
    resource: 'team_membership',
    keyField: 'externalId',
    fields: { teamId: 'text', staffMemberId: 'text', ...validity.fields },
    references: { teamId: 'teams', staffMemberId: 'staff' },
    endField: validity.endField,
    fileNames: ['memberships', 'teammedlemskap', 'team-memberships', 'medlemskap'],
    headers: {
      externalId: [...idHeaders, 'medlemskaps-id'],
      teamId: teamIdHeaders,
      staffMemberId: ['personal-id', 'personal', 'staff', 'staff-id'],
      ...validity.headers,
    },
  },
  assignments: {
    kind: 'assignments',
    resource: 'team_customer',
    keyField: 'externalId',
    fields: { teamId: 'text', customerId: 'text', ...validity.fields, reason: 'text' },
    references: { teamId: 'teams', customerId: 'customers' },
    endField: validity.endField,
    fileNames: ['assignments', 'kundtilldelningar', 'team-customers', 'tilldelningar'],
    headers: {
      externalId: [...idHeaders, 'tilldelnings-id'],
      teamId: teamIdHeaders,
      customerId: customerIdHeaders,
      ...validity.headers,
      reason: ['orsak', 'anledning'],
    },
  },
  // The care plan (docs/visits.md "Planned visits and granted time"); the care-plan routes read
  // their files with these same headers. Customers and providers by the care system's ids.
  plannedVisits: {
    kind: 'plannedVisits',
    resource: 'planned_visit',
    keyField: 'externalId',
    isCarePlan: true,
    fields: {
      customerId: 'text',
      providerId: 'text',
      services: 'list',
      plannedMinutes: 'text',
      staffCount: 'text',
      windowStart: 'timestamp',
      windowEnd: 'timestamp',
    },
    defaults: { staffCount: '1' },
    references: { customerId: 'customers', providerId: 'providers' },
    fileNames: ['planned-visits', 'planerade-besok', 'planerade besök', 'besok', 'besök'],
    headers: {
      externalId: [...idHeaders, 'besöks-id'],
      customerId: customerIdHeaders,
      providerId: providerIdHeaders,
      services: ['insatser'],
      plannedMinutes: ['planerade minuter', 'minuter'],
      staffCount: ['antal personal', 'dubbelbemanning'],
      windowStart: ['från', 'fönster från', 'from'],
      windowEnd: ['till', 'fönster till', 'to'],
    },
  },
  grantedTime: {
    kind: 'grantedTime',
    resource: 'granted_time',
    keyField: 'customerId',
    keyFields: ['customerId', 'service', 'month'],
    isCarePlan: true,
    fields: {
      customerId: 'text',
      service: 'enum',
      month: 'text',
      minutes: 'text',
      decisionReference: 'text',
    },
    references: { customerId: 'customers' },
    fileNames: ['granted-time', 'beviljad-tid', 'beviljad tid', 'beviljade-timmar'],
    headers: {
      customerId: customerIdHeaders,
      service: ['insats'],
      month: ['månad'],
      minutes: ['minuter', 'beviljade minuter'],
      decisionReference: ['beslut', 'beslutsnummer'],
    },
  },
};

const fold = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s_]/g, '-');

/** The kind a file holds, judged by its name (`kunder.csv`, `staff.json`); undefined when unknown. */
export function findKindOfFileName(fileName: string): ImportKind | undefined {
  const base = fold(
    fileName
      .split(/[\\/]/)
      .at(-1)!
      .replace(/\.(csv|json|txt)$/i, ''),
  );
  return importKinds.find((kind) =>
    importKindDefinitions[kind].fileNames.some((name) => fold(name) === base),
  );
}

/** The kind a JSON object's key names (`kunder`, `customers`); undefined when unknown. */
export function findKindOfName(name: string): ImportKind | undefined {
  return importKinds.find((kind) =>
    importKindDefinitions[kind].fileNames.some((candidate) => fold(candidate) === fold(name)),
  );
}
