import { serviceKinds, type EntityDefinition, type FieldDefinition } from '@portvakt/core';
import { Type, type TSchema } from 'typebox';

/** The error body every 4xx/5xx carries. */
export const ErrorBody = Type.Object(
  {
    code: Type.String({ description: 'Stable machine-readable code, e.g. validation_failed.' }),
    message: Type.String({ description: 'What went wrong, for a person.' }),
    details: Type.Optional(Type.Unknown()),
  },
  { $id: 'Error' },
);

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const errorResponses = {
  400: Type.Ref('Error'),
  401: Type.Ref('Error'),
  403: Type.Ref('Error'),
  404: Type.Ref('Error'),
  409: Type.Ref('Error'),
  422: Type.Ref('Error'),
} as const;

function valueSchema(field: FieldDefinition): TSchema {
  const kind = field.kind;
  const description = field.description ? { description: field.description } : {};
  switch (kind.type) {
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
    case 'boolean':
      return Type.Boolean(description);
    case 'date':
      return Type.String({ format: 'date', ...description });
    case 'timestamp':
      return Type.String({ format: 'date-time', ...description });
    case 'object':
      return Type.Record(Type.String(), Type.Unknown(), description);
    case 'service_windows': {
      const window = Type.Object(
        {
          from: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM local time' }),
          to: Type.String({
            pattern: '^([01][0-9]|2[0-4]):[0-5][0-9]$',
            description: 'HH:MM; before "from" means past midnight',
          }),
        },
        { additionalProperties: false },
      );
      return Type.Object(
        Object.fromEntries(
          serviceKinds.map((service) => [service, Type.Optional(Type.Array(window, { maxItems: 7 }))]),
        ),
        { additionalProperties: false, ...description },
      );
    }
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
export function createBodySchema(entity: EntityDefinition): TSchema {
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
export function updateBodySchema(entity: EntityDefinition): TSchema {
  const properties: Record<string, TSchema> = {};
  for (const [name, field] of Object.entries(entity.fields)) {
    if (field.isReadOnly || field.isImmutable) continue;
    properties[name] = Type.Optional(maybeNull(field, valueSchema(field)));
  }
  if (entity.hasIdentityNumber)
    properties.identityNumber = Type.Optional(Type.Union([identityNumber, Type.Null()]));
  return Type.Object(properties, { additionalProperties: false, minProperties: 1 });
}

/** The entity as the API returns it. */
export function responseSchema(entity: EntityDefinition): TSchema {
  const properties: Record<string, TSchema> = {
    id: Type.String({ format: 'uuid' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  };
  for (const [name, field] of Object.entries(entity.fields)) {
    properties[name] =
      field.isRequired || field.isReadOnly
        ? valueSchema(field)
        : Type.Union([valueSchema(field), Type.Null()]);
  }
  if (entity.hasIdentityNumber) {
    properties.hasIdentityNumber = Type.Boolean({ description: 'Whether an identity number is on file.' });
  }
  return Type.Object(properties);
}

/** Query string of a list: equality filters, free text, sort, keyset cursor and page size. */
export function listQuerySchema(entity: EntityDefinition): TSchema {
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
    if (field.isFilterable) properties[name] = Type.Optional(valueSchema(field));
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
