// References to other records in an audit entry's before/after (a lock's `doorId`, a service's
// `providerId`), and the lookup GET /audit answers beside a page of entries: each referenced
// record's display name as it is now, or null when it is no longer there (docs/api.md "Audit
// trail"). The stored entries stay as recorded (the trail is append-only and hash-chained); the
// names are read when the page is. The server finds a page's references and the console words them
// by the same table, so both agree on which values are references.
import { registryEntities, type Resource } from '@portvakt/core';
import { Type, type Static } from 'typebox';
import { orNull, uuid } from './schema-parts';

/** The kinds of record a reference in the trail is named from. */
export const auditReferenceKinds = [
  'district',
  'property_owner',
  'property',
  'door',
  'provider',
  'team',
  'customer',
  'staff_member',
  'lock_device',
  'digital_key',
  'locksmith_company',
  'work_order',
  'key_cabinet',
  'support_case',
  'user_account',
  'relative_invitation',
] as const satisfies readonly Resource[];

export type AuditReferenceKind = (typeof auditReferenceKinds)[number];

const isReferenceKind = (kind: string): kind is AuditReferenceKind =>
  (auditReferenceKinds as readonly string[]).includes(kind);

/**
 * References the server writes besides a registry record's own fields (those are read from core's
 * `registryEntities`): a dismounted or moved lock's doors, a work order's lock and assignees, an
 * emergency's case, a key take's cabinet, a phone login's key, who made an API token, the
 * invitation a relative's account was made with. A field name means the same kind wherever the
 * server writes it (`audit-references.test.ts` checks the registry's agree); where it writes a
 * username instead of an id (another record's `createdBy`), the value is no id and stays as recorded.
 */
const writtenReferences: Readonly<Record<string, AuditReferenceKind>> = {
  doorIds: 'door',
  dismountedDoorId: 'door',
  targetDoorId: 'door',
  customerIds: 'customer',
  customerIdsLosingAccess: 'customer',
  staffMemberIds: 'staff_member',
  lockId: 'lock_device',
  lockIds: 'lock_device',
  lockDeviceId: 'lock_device',
  keyId: 'digital_key',
  digitalKeyId: 'digital_key',
  propertyOwnerId: 'property_owner',
  locksmithCompanyId: 'locksmith_company',
  assignedCompanyId: 'locksmith_company',
  workOrderId: 'work_order',
  followUpWorkOrderId: 'work_order',
  keyCabinetId: 'key_cabinet',
  supportCaseId: 'support_case',
  followUpCaseId: 'support_case',
  userId: 'user_account',
  assignedUserId: 'user_account',
  createdBy: 'user_account',
  invitationId: 'relative_invitation',
};

const registryReferences = Object.fromEntries(
  registryEntities.flatMap((entity) =>
    Object.entries(entity.fields).flatMap(([field, definition]) =>
      definition.kind.type === 'uuid' && isReferenceKind(definition.kind.references)
        ? [[field, definition.kind.references] as const]
        : [],
    ),
  ),
);

const referenceFields: Readonly<Record<string, AuditReferenceKind>> = {
  ...registryReferences,
  ...writtenReferences,
};

/** The kind of record a field of an entry's before/after (or of an object within) refers to, if any. */
export function findAuditReferenceKind(field: string): AuditReferenceKind | undefined {
  return Object.hasOwn(referenceFields, field) ? referenceFields[field] : undefined;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a stored value is a record's id (a reference field may hold text written before it was one). */
export const isRecordId = (value: unknown): value is string =>
  typeof value === 'string' && uuidPattern.test(value);

/** The ids a reference field's value holds: one id, or a list of them. */
export function readReferenceIds(value: unknown): string[] {
  if (isRecordId(value)) return [value];
  return Array.isArray(value) ? value.filter(isRecordId) : [];
}

export interface AuditReferenceKey {
  kind: AuditReferenceKind;
  id: string;
}

/** One key for a kind and id (ids compared as PostgreSQL does, whatever their case as stored). */
export const referenceKey = (kind: AuditReferenceKind, id: string) => `${kind}:${id.toLowerCase()}`;

/** Objects nested deeper than this are not searched (the server writes two levels at most). */
const maxDepth = 4;

/**
 * Every reference in `values` (an entry's before and after), by the field names of the reference
 * table, in objects at any depth the server writes; each kind and id once, the id in lower case.
 */
export function listAuditReferences(...values: unknown[]): AuditReferenceKey[] {
  const found = new Map<string, AuditReferenceKey>();
  const visit = (value: unknown, depth: number) => {
    if (depth > maxDepth || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    for (const [field, inner] of Object.entries(value)) {
      const kind = findAuditReferenceKind(field);
      if (kind)
        for (const id of readReferenceIds(inner))
          found.set(referenceKey(kind, id), { kind, id: id.toLowerCase() });
      else visit(inner, depth + 1);
    }
  };
  for (const value of values) visit(value, 0);
  return [...found.values()];
}

export const AuditReference = Type.Object({
  kind: Type.Enum([...auditReferenceKinds]),
  id: uuid(),
  name: orNull(
    Type.String({
      description:
        'The record’s display name now (a door as "street address, label", a person as given and family ' +
        'name, a lock or key by serial, a work order or case by reference, a relative’s invitation by the ' +
        'relative’s name); null when it is no longer there.',
    }),
  ),
});

export type AuditReference = Static<typeof AuditReference>;
