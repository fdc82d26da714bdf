// Digital key cabinets' shapes (docs/key-cabinets.md): the registry of cabinets, a cabinet's
// slots (which backup key, in or out, since when, by whom, why, overdue), takes authorised before
// a slot opens and closed by the cabinet's signed records. Providers see only their own cabinets;
// property owners none (R2.7). Backup keys are named by their label, never by the customer.
import { keyTakeReasons, type SlotState } from '@portvakt/core';
import { Type, type Static } from 'typebox';
import { orNull, timestamp, uuid } from './schema-parts';

/**
 * `out_by_other`: the cabinet signed the take for someone other than the staff member authorised;
 * `out_unauthorised`: the cabinet signed a take no one authorised (docs/key-cabinets.md).
 */
export const keyCabinetSlotStates = [
  'empty',
  'in',
  'authorised',
  'out',
  'out_by_other',
  'out_unauthorised',
] as const satisfies readonly SlotState[];
export type KeyCabinetSlotState = (typeof keyCabinetSlotStates)[number];

export const KeyCabinet = Type.Object({
  id: uuid(),
  name: Type.String(),
  location: orNull(Type.String()),
  slotCount: Type.Integer(),
  providerId: uuid(),
  providerName: Type.String(),
  /** Whether the cabinet has an enrolled key (device kind key_cabinet, not revoked). */
  isEnrolled: Type.Boolean(),
  keysHeld: Type.Integer({ description: 'Backup keys held in its slots.' }),
  keysOut: Type.Integer({ description: 'Keys taken and not returned.' }),
  overdue: Type.Integer({ description: 'Keys out longer than the municipality’s key-out limit.' }),
  createdAt: timestamp(),
  retiredAt: orNull(timestamp()),
});
export type KeyCabinet = Static<typeof KeyCabinet>;

export const KeyCabinetList = Type.Object({ items: Type.Array(KeyCabinet) });
export type KeyCabinetList = Static<typeof KeyCabinetList>;

export const KeyCabinetQuery = Type.Object(
  { isRetiredIncluded: Type.Optional(Type.Boolean({ default: false })) },
  { additionalProperties: false },
);

const cabinetName = () => Type.String({ minLength: 1, maxLength: 120 });
const cabinetLocation = () => Type.String({ maxLength: 200 });
const slotCount = () => Type.Integer({ minimum: 1, maximum: 1000 });

export const NewKeyCabinetBody = Type.Object(
  {
    name: cabinetName(),
    location: Type.Optional(orNull(cabinetLocation())),
    slotCount: slotCount(),
    providerId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'The provider holding the cabinet; a work lead’s own provider when left out.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type NewKeyCabinetBody = Static<typeof NewKeyCabinetBody>;

export const KeyCabinetPatchBody = Type.Object(
  {
    name: Type.Optional(cabinetName()),
    location: Type.Optional(orNull(cabinetLocation())),
    slotCount: Type.Optional(slotCount()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type KeyCabinetPatchBody = Static<typeof KeyCabinetPatchBody>;

/** One take: authorised by the server, then taken and returned per the cabinet's signed records. */
export const KeyCabinetTake = Type.Object({
  id: uuid(),
  keyCabinetId: uuid(),
  slot: Type.Integer(),
  backupKeyId: uuid(),
  backupKeyLabel: orNull(
    Type.String({
      description: 'The key’s label when the take was made: a later relabel does not change it.',
    }),
  ),
  /** Whom the take was authorised for; null on an unauthorised take. */
  staffMemberId: orNull(uuid()),
  staffName: orNull(Type.String()),
  /** Why the key was taken; null on an unauthorised take (no one said). */
  reason: orNull(Type.Enum([...keyTakeReasons])),
  reasonText: orNull(Type.String()),
  supportCaseId: orNull(uuid()),
  supportCaseReference: orNull(Type.String()),
  /** When the server authorised the take; null on an unauthorised take. */
  authorisedAt: orNull(timestamp()),
  takenAt: orNull(timestamp()),
  takeSequence: orNull(Type.Integer()),
  returnedAt: orNull(timestamp()),
  returnSequence: orNull(Type.Integer()),
  cancelledAt: orNull(timestamp()),
  /**
   * The authorisation lapsed unused: cancelled, or not taken within its 15 minutes (it is only
   * cancelled when the slot's next take is authorised, docs/key-cabinets.md).
   */
  isLapsed: Type.Boolean(),
  /** Withdrawn before it was used (by the staff member or their work lead), not lapsed. */
  isWithdrawn: Type.Boolean(),
  isOverdue: Type.Boolean(),
  /** The cabinet signed this take with no take authorised: the key is out and unaccounted for. */
  isUnauthorised: Type.Boolean(),
  /** The cabinet's take record named someone other than the staff member authorised. */
  isTakenByOther: Type.Boolean(),
  /**
   * Who the cabinet's take record named, where that is not the staff member authorised (or on an
   * unauthorised take): a known staff member the reader may see (the cabinet's provider's, or any
   * to a reader of every staff member); both null when unknown or not the reader's to know.
   */
  takenByStaffMemberId: orNull(uuid()),
  takenByName: orNull(Type.String()),
});
export type KeyCabinetTake = Static<typeof KeyCabinetTake>;

export const KeyCabinetSlot = Type.Object({
  slot: Type.Integer(),
  state: Type.Enum([...keyCabinetSlotStates]),
  backupKeyId: orNull(uuid()),
  backupKeyLabel: orNull(Type.String()),
  /** The open take, when the key is authorised or out. */
  take: orNull(KeyCabinetTake),
  /** Since when the key is out (the cabinet's take record), or authorised. */
  since: orNull(timestamp()),
  isOverdue: Type.Boolean(),
});
export type KeyCabinetSlot = Static<typeof KeyCabinetSlot>;

export const KeyCabinetDetail = Type.Object({
  cabinet: KeyCabinet,
  keyOutLimitMinutes: Type.Integer(),
  slots: Type.Array(KeyCabinetSlot),
  /** The newest takes, newest first (the cabinet's log of takes and returns). */
  takes: Type.Array(KeyCabinetTake),
});
export type KeyCabinetDetail = Static<typeof KeyCabinetDetail>;

export const NewKeyCabinetTakeBody = Type.Object(
  {
    slot: Type.Integer({ minimum: 1, maximum: 1000 }),
    reason: Type.Enum([...keyTakeReasons]),
    reasonText: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    staffMemberId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'Who takes the key (a work lead for their staff); staff take for themselves.',
      }),
    ),
    supportCaseId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'A digital-failure take links to this case; one is opened when left out.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type NewKeyCabinetTakeBody = Static<typeof NewKeyCabinetTakeBody>;
