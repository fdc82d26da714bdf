// Request and response schemas of the registry routes, built from core's entity definitions:
// one definition per entity gives its create and update bodies, its list query and its row.
import { serviceKinds, type EntityDefinition, type FieldDefinition, type Resource } from '@portvakt/core';
import {
  OpeningWindow,
  organisationNumber,
  phoneNumber,
  registryRowSchemas,
  ServiceWindow,
} from '@portvakt/contract';
import { Type, type TObject, type TSchema } from 'typebox';

/** An object schema whose properties are known only at run time (one per entity field). */
export type FieldsSchema = TObject<Record<string, TSchema>>;

/**
 * A field's value in a request (what may be written) or in a response (what is stored): they
 * differ only for a phone number and an organisation number, whose rules came after numbers were stored.
 */
function valueSchema(field: FieldDefinition, use: 'request' | 'response' = 'request'): TSchema {
  const kind = field.kind;
  const description = field.description ? { description: field.description } : {};
  switch (kind.type) {
    case 'phone':
      return use === 'request'
        ? phoneNumber(kind.maxLength)
        : Type.String({ minLength: 0, maxLength: kind.maxLength, ...description });
    case 'organisation_number':
      return use === 'request'
        ? organisationNumber(kind.maxLength)
        : Type.String({ minLength: 0, maxLength: kind.maxLength, ...description });
    case 'text':
      return Type.String({
        minLength: field.isRequired ? 1 : 0,
        maxLength: kind.maxLength,
        ...(kind.pattern ? { pattern: kind.pattern } : {}),
        ...description,
      });
    case 'uuid':
      return Type.String({ format: 'uuid', ...description });
    case 'enum':
      // One `enum` keyword (not a union of constants) so a wrong value gets one error that lists
      // the allowed values.
      return Type.Enum([...kind.values], description);
    case 'enum[]':
      return Type.Array(Type.Enum([...kind.values]), {
        minItems: 1,
        uniqueItems: true,
        ...description,
      });
    case 'integer':
      return Type.Integer({ minimum: kind.minimum, maximum: kind.maximum, ...description });
    case 'number':
      return Type.Number({ minimum: kind.minimum, maximum: kind.maximum, ...description });
    case 'boolean':
      return Type.Boolean(description);
    case 'date':
      return Type.String({ format: 'date', ...description });
    case 'timestamp':
      return Type.String({ format: 'date-time', ...description });
    case 'object':
      return Type.Record(Type.String(), Type.Unknown(), description);
    case 'service_windows':
      return Type.Object(
        Object.fromEntries(
          serviceKinds.map((service) => [service, Type.Optional(Type.Array(ServiceWindow, { maxItems: 7 }))]),
        ),
        { additionalProperties: false, ...description },
      );
    case 'opening_hours':
      return Type.Array(OpeningWindow, { minItems: 1, maxItems: 14, ...description });
  }
}

function maybeNull(field: FieldDefinition, schema: TSchema): TSchema {
  return field.isNullable ? Type.Union([schema, Type.Null()]) : schema;
}

const identityNumber = Type.String({
  pattern: '^[0-9]{8}[-+]?[0-9]{4}$',
  description:
    'Personnummer or samordningsnummer, YYYYMMDD-NNNN. Write-only: stored encrypted, never returned.',
});

/** Body for creating an entity: required fields required, system fields absent, nothing unknown. */
export function createBodySchema(entity: EntityDefinition): FieldsSchema {
  const properties: Record<string, TSchema> = {};
  for (const [name, field] of Object.entries(entity.fields)) {
    if (field.isReadOnly) continue;
    const schema = maybeNull(field, valueSchema(field));
    properties[name] = field.isRequired ? schema : Type.Optional(schema);
  }
  if (entity.hasIdentityNumber)
    properties.identityNumber = Type.Optional(Type.Union([identityNumber, Type.Null()]));
  return Type.Object(properties, { additionalProperties: false });
}

/** Body for a partial update: only changeable fields, at least one of them. */
export function updateBodySchema(entity: EntityDefinition): FieldsSchema {
  const properties: Record<string, TSchema> = {};
  for (const [name, field] of Object.entries(entity.fields)) {
    if (field.isReadOnly || field.isImmutable) continue;
    properties[name] = Type.Optional(maybeNull(field, valueSchema(field)));
  }
  if (entity.hasIdentityNumber)
    properties.identityNumber = Type.Optional(Type.Union([identityNumber, Type.Null()]));
  return Type.Object(properties, { additionalProperties: false, minProperties: 1 });
}

/** The entity's own fields as the API returns them. */
export function responseSchema(entity: EntityDefinition): FieldsSchema {
  const properties: Record<string, TSchema> = {
    id: Type.String({ format: 'uuid' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  };
  for (const [name, field] of Object.entries(entity.fields)) {
    // A system field is always set, unless it says it may be null (the care system's id).
    const isAlwaysSet = field.isRequired || (field.isReadOnly && !field.isNullable);
    properties[name] = isAlwaysSet
      ? valueSchema(field, 'response')
      : Type.Union([valueSchema(field, 'response'), Type.Null()]);
  }
  if (entity.hasIdentityNumber) {
    properties.hasIdentityNumber = Type.Boolean({ description: 'Whether an identity number is on file.' });
  }
  return Type.Object(properties);
}

/** Query string of a list: equality filters, free text, sort, keyset cursor and page size. */
export function listQuerySchema(entity: EntityDefinition): FieldsSchema {
  const properties: Record<string, TSchema> = {
    sort: Type.Optional(
      Type.Enum(
        sortableFields(entity).flatMap((field) => [field, `-${field}`]),
        { description: 'Field to sort by; prefix with - for descending.' },
      ),
    ),
    cursor: Type.Optional(
      Type.String({ maxLength: 2000, description: 'From the previous page’s nextCursor.' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  };
  if (Object.values(entity.fields).some((field) => field.isSearchable)) {
    properties.q = Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'Free-text search.' }),
    );
  }
  for (const [name, field] of Object.entries(entity.fields)) {
    // A filter looks for what is stored, so a number saved before its rule can still be found.
    if (field.isFilterable) properties[name] = Type.Optional(valueSchema(field, 'response'));
  }
  if (entity.hasIdentityNumber) properties.identityNumber = Type.Optional(identityNumber);
  return Type.Object(properties, { additionalProperties: false });
}

export function sortableFields(entity: EntityDefinition): string[] {
  return [
    'createdAt',
    ...Object.entries(entity.fields)
      .filter(([, f]) => f.isSortable)
      .map(([name]) => name),
  ];
}

export function pageSchema(item: TSchema): TSchema {
  return Type.Object({
    items: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as cursor for the next page; null at the end.',
    }),
  });
}

/**
 * The facts an answer carries beyond a row's own fields, each text or null: what storage presents
 * (a customer's home address, a lock's property address) and `presentRegistryRows` adds (a key's
 * holder, a grant's giver).
 */
const presentedFacts: Partial<Record<Resource, Record<string, string>>> = {
  customer: {
    residenceAddress:
      'The street address of the customer’s home (their residence property); null when none is set.',
  },
  lock_device: {
    streetAddress: 'The street address of the property the lock’s door is in; null when it is on no door.',
  },
  digital_key: { holderName: 'The holder’s name, when the caller may be told it; null otherwise.' },
  access_grant: {
    grantedByName:
      'The name of the account that gave the grant (`grantedBy` keeps its username), where the reader may be told it; else null.',
  },
};

/** The row as core's definition describes it, with the facts an answer presents beside it. */
export function builtRowSchema(entity: EntityDefinition): FieldsSchema {
  const base = responseSchema(entity);
  const facts = presentedFacts[entity.resource];
  if (!facts) return base;
  return Type.Object({
    ...base.properties,
    ...Object.fromEntries(
      Object.entries(facts).map(([name, description]) => [
        name,
        Type.Optional(Type.Union([Type.String(), Type.Null()], { description })),
      ]),
    ),
  });
}

const contractRows: Partial<Record<string, TSchema>> = registryRowSchemas;

/** The row an entity's routes answer with: the contract's where it has one (the web's types). */
export function rowSchema(entity: EntityDefinition): TSchema {
  return contractRows[entity.resource] ?? builtRowSchema(entity);
}
