// The access capability's shapes (docs/permissions.md): explain, lock lists, who can open, the
// permission history and access paths. Reasons come as a stable rule code plus a sentence in the
// language the request's Accept-Language chose (Swedish unless English is asked for).
import { Type } from 'typebox';
import { AuditEntryRow } from './audit-entries';
import { orNull } from './schema-parts';

export const PermissionReason = Type.Object({
  rule: Type.String({ description: 'Stable rule code, e.g. team_service, no_chosen_provider.' }),
  text: Type.String({
    description:
      'The rule in words a support person understands, in Swedish or (Accept-Language: en) English.',
  }),
});

export const AtQuery = Type.Object(
  { at: Type.Optional(Type.String({ format: 'date-time', description: 'Default: now.' })) },
  { additionalProperties: false },
);

export const ExplainQuery = Type.Object(
  {
    staffMemberId: Type.String({ format: 'uuid' }),
    lockId: Type.String({ format: 'uuid' }),
    at: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export const PermissionExplanation = Type.Object({
  isAllowed: Type.Boolean(),
  staffMemberId: Type.String(),
  lockId: Type.String(),
  at: Type.String({ format: 'date-time' }),
  reasons: Type.Array(PermissionReason),
});

export const LockListQuery = Type.Object(
  {
    at: Type.Optional(Type.String({ format: 'date-time' })),
    validForHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 120, default: 12 })),
  },
  { additionalProperties: false },
);

export const LockList = Type.Object({
  staffMemberId: Type.String(),
  staffStatus: Type.String(),
  issuedAt: Type.String({ format: 'date-time' }),
  validUntil: Type.String({ format: 'date-time' }),
  locks: Type.Array(
    Type.Object({
      lockId: Type.String(),
      lockNumber: orNull(Type.Integer()),
      doorId: Type.String(),
      doorLabel: Type.String(),
      address: orNull(Type.String()),
      rules: Type.Array(Type.String()),
      isAlways: Type.Boolean(),
      intervals: Type.Array(Type.Object({ from: Type.String(), until: Type.String() })),
    }),
  ),
});

export const LockOpener = Type.Object({
  staffMemberId: Type.String(),
  name: Type.String(),
  providerId: Type.String(),
  reasons: Type.Array(PermissionReason),
});

export const WhoCanOpen = Type.Object({
  customerId: Type.String(),
  at: Type.String({ format: 'date-time' }),
  doors: Type.Array(
    Type.Object({
      doorId: Type.String(),
      label: Type.String(),
      kind: Type.String(),
      lockId: orNull(Type.String()),
      staff: Type.Array(LockOpener),
    }),
  ),
});

export const PermissionHistoryQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) },
  { additionalProperties: false },
);

/**
 * Changes to who may open what: audit entries, without the actor's ids, request and source; the
 * actor's name only where the reader may be told it (a work lead: the municipality's staff and
 * their own provider's people), else null.
 */
export const PermissionHistory = Type.Object({
  items: Type.Array(
    Type.Pick(AuditEntryRow, [
      'id',
      'occurredAt',
      'actorLabel',
      'actorName',
      'actorRole',
      'action',
      'entity',
      'entityId',
      'before',
      'after',
    ]),
  ),
});

export const AccessPathStep = Type.Object({
  position: Type.Integer(),
  doorId: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  label: Type.String(),
  propertyId: Type.String({ format: 'uuid' }),
  lockId: orNull(Type.String()),
  lockSerial: orNull(Type.String()),
});

export const AccessPath = Type.Object({
  customerId: Type.String({ format: 'uuid' }),
  doors: Type.Array(AccessPathStep),
});

export const AccessPathBody = Type.Object(
  { doorIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 20 }) },
  { additionalProperties: false },
);
