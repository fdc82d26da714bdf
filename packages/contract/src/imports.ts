// Imports from the care system (docs/imports.md): the rows a file may hold, one schema per kind,
// and the import job the console starts and polls.
import { Type, type Static, type TSchema } from 'typebox';
import {
  importKinds,
  ownerships,
  providerKinds,
  serviceKinds,
  staffOccupations,
  visitServices,
  type ImportKind,
} from '@portvakt/core';
import { day, month, orNull, organisationNumber, phoneNumber, text, timestamp } from './schema-parts';

const key = () => Type.String({ minLength: 1, maxLength: 100 });
const optionalText = (maxLength: number) => Type.Optional(orNull(Type.String({ maxLength })));
const optionalKey = () => Type.Optional(orNull(key()));
const visitService = () => Type.Union(visitServices.map((value) => Type.Literal(value)));
const row = (properties: Record<string, TSchema>) => Type.Object(properties, { additionalProperties: false });

/** One row of each kind of file, with the care system's ids as keys and references. */
export const importRowSchemas: Record<ImportKind, TSchema> = {
  districts: row({ code: Type.String({ minLength: 1, maxLength: 20 }), name: text(100) }),
  providers: row({
    externalId: key(),
    name: text(200),
    organisationNumber: Type.Optional(orNull(organisationNumber())),
    ownership: Type.Union(ownerships.map((value) => Type.Literal(value))),
    kinds: Type.Array(Type.Union(providerKinds.map((value) => Type.Literal(value))), {
      minItems: 1,
      uniqueItems: true,
    }),
    contactEmail: optionalText(200),
    contactPhone: Type.Optional(orNull(phoneNumber())),
  }),
  teams: row({
    externalId: key(),
    providerId: key(),
    districtId: optionalKey(),
    name: text(100),
    area: optionalText(200),
  }),
  customers: row({ externalId: key(), districtId: key(), givenName: text(100), familyName: text(100) }),
  services: row({
    externalId: key(),
    customerId: key(),
    service: Type.Union(serviceKinds.map((value) => Type.Literal(value))),
    providerId: key(),
    startsOn: day(),
    endsOn: Type.Optional(orNull(day())),
  }),
  staff: row({
    externalId: key(),
    providerId: key(),
    givenName: text(100),
    familyName: text(100),
    employeeNumber: optionalText(40),
    occupation: Type.Optional(orNull(Type.Union(staffOccupations.map((value) => Type.Literal(value))))),
    employmentStartsOn: day(),
    employmentEndsOn: Type.Optional(orNull(day())),
  }),
  memberships: row({
    externalId: key(),
    teamId: key(),
    staffMemberId: key(),
    validFrom: timestamp(),
    validUntil: Type.Optional(orNull(timestamp())),
  }),
  assignments: row({
    externalId: key(),
    teamId: key(),
    customerId: key(),
    validFrom: timestamp(),
    validUntil: Type.Optional(orNull(timestamp())),
    reason: optionalText(500),
  }),
  // As the care-plan routes' PlannedVisitInput and GrantedTimeInput (./visits), by the care system's ids.
  plannedVisits: row({
    externalId: key(),
    customerId: key(),
    providerId: key(),
    services: Type.Array(visitService(), { minItems: 1, maxItems: visitServices.length, uniqueItems: true }),
    plannedMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
    staffCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
    windowStart: timestamp(),
    windowEnd: timestamp(),
  }),
  grantedTime: row({
    customerId: key(),
    service: visitService(),
    month: month(),
    minutes: Type.Integer({ minimum: 0, maximum: 44640 }),
    decisionReference: optionalText(100),
  }),
};

export const ImportFile = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 200,
      description:
        'The file name; its base name tells the kind (kunder.csv, staff.json) unless `kind` is given.',
    }),
    kind: Type.Optional(Type.Union(importKinds.map((value) => Type.Literal(value)))),
    content: Type.String({
      maxLength: 64 * 1024 * 1024,
      description:
        'CSV (Swedish or English headers, `;` or `,`, UTF-8 with or without BOM) or JSON: an array of rows, or an object of arrays by kind.',
    }),
  },
  { additionalProperties: false },
);
export type ImportFile = Static<typeof ImportFile>;

export const ImportRequest = Type.Object(
  {
    files: Type.Array(ImportFile, { minItems: 1, maxItems: 20 }),
    isDryRun: Type.Boolean({ description: 'Only compute the diff; nothing is changed.' }),
    isFull: Type.Optional(
      Type.Boolean({
        description:
          'The files hold everything of their kinds: records imported before and missing now are ended (never deleted).',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ImportRequest = Static<typeof ImportRequest>;

const importValue = orNull(Type.Union([Type.String(), Type.Array(Type.String())]));

export const ImportChangeBody = Type.Object({
  kind: Type.String(),
  key: Type.String(),
  action: Type.Union([Type.Literal('create'), Type.Literal('update'), Type.Literal('end')]),
  file: Type.Optional(Type.String()),
  line: Type.Optional(Type.Integer()),
  id: Type.Optional(Type.String()),
  fields: Type.Array(Type.Object({ field: Type.String(), before: importValue, after: importValue })),
});
export type ImportChangeBody = Static<typeof ImportChangeBody>;

/**
 * What is wrong with one line of an import's files (docs/imports.md "Errors"): the `code` of each
 * line error of a 422 `import_file_invalid`, with `params` to put it in the reader's words (the
 * line's `message` says it in English). A line a failed import names carries the refusal's own
 * code instead, one of `errorCodes` (`ends_in_the_past`, `customer_not_served` …).
 */
export const importLineCodes = [
  // The whole file, refused before its rows are read, as the care-plan routes refuse it too.
  'empty_file',
  'file_unreadable',
  'unknown_column',
  'duplicate_row',
  // A CSV row with more or fewer cells than the header has columns (`expected`, `found`): that
  // row's error; the file's other rows are still read.
  'wrong_cell_count',
  // A JSON file: not JSON, neither rows nor rows by kind, a kind no kind is called (`name`).
  'not_json',
  'not_rows',
  'import_kind_unknown',
  // A value of a row: none, a field no kind has, not one of `allowed` (comma-separated), not of
  // its form, text shorter or longer than `limit`, a number under or over it, a list with fewer or
  // more values or a value twice.
  'value_missing',
  'unknown_field',
  'value_not_allowed',
  'not_a_date',
  'not_an_instant',
  'not_a_month',
  'not_a_phone_number',
  'not_a_whole_number',
  'not_a_list',
  'wrong_form',
  'too_short',
  'too_long',
  'too_small',
  'too_large',
  'too_few_values',
  'too_many_values',
  'repeated_value',
  // Text that may not be stored (docs/api.md "Text").
  'blank_text',
  'control_character',
  'direction_control',
  'half_character',
  // Against the other records: a key twice (`key`, first on `firstLine` of `firstFile`), a
  // reference to no record of that `kind` (an import kind) by that `value`, a change of a field
  // that cannot change (`before`, `after`), a reference to a record of the files that was refused
  // itself (`kind`, `value`, and where it is: `refusedFile`, `refusedLine`).
  'duplicate_key',
  'unknown_reference',
  'reference_refused',
  'cannot_change',
] as const;
export type ImportLineCode = (typeof importLineCodes)[number];

const knownLineCodes: ReadonlySet<string> = new Set(importLineCodes);

export function isImportLineCode(code: string): code is ImportLineCode {
  return knownLineCodes.has(code);
}

/** A line error's parameters, by the names `importLineCodes` gives them. */
export type ImportLineParams = Record<string, string | number>;

export const ImportLineErrorBody = Type.Object({
  file: Type.String(),
  line: Type.Integer(),
  field: Type.String(),
  message: Type.String({ description: 'What is wrong, in English.' }),
  code: Type.Optional(
    Type.String({
      description:
        'What is wrong, one of importLineCodes (docs/imports.md "Errors"); on a line a failed import names, the refusal’s code.',
    }),
  ),
  params: Type.Optional(
    Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
      description: 'The values the code’s words need, e.g. `{ limit: 40 }` for too_long.',
    }),
  ),
});
export type ImportLineErrorBody = Static<typeof ImportLineErrorBody>;

/** What an import found or did: counts, and the first changes (all of them up to `changesShownMax`). */
export const ImportOutcome = Type.Object({
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  ended: Type.Integer(),
  unchanged: Type.Integer(),
  changes: Type.Array(ImportChangeBody),
  isTruncated: Type.Boolean({ description: 'More changes than `changes` lists.' }),
});
export type ImportOutcome = Static<typeof ImportOutcome>;

export const importStatuses = ['running', 'succeeded', 'failed'] as const;

export const ImportJob = Type.Object({
  id: Type.String(),
  status: Type.Union(importStatuses.map((value) => Type.Literal(value))),
  isDryRun: Type.Boolean(),
  isFull: Type.Boolean(),
  rowsDone: Type.Integer(),
  rowsTotal: Type.Integer(),
  fileNames: Type.Array(Type.String()),
  createdBy: Type.String(),
  createdAt: Type.String(),
  finishedAt: orNull(Type.String()),
  outcome: orNull(ImportOutcome),
  error: orNull(
    Type.Object({
      code: Type.String(),
      message: Type.String(),
      errors: Type.Optional(Type.Array(ImportLineErrorBody)),
    }),
  ),
});
export type ImportJob = Static<typeof ImportJob>;

/** The most changes an import's outcome lists; the counts are always whole. */
export const changesShownMax = 2000;
