// Backup keys, key receipts, deviation plans, key-return readiness and keys still held (issue #13:
// R9.3, R6.2, R8.3, R11.2; docs/backup-keys.md). The enumerations come from core (re-exported by index.ts).
import {
  backupKeyStatuses,
  deviationPlanDecisions,
  deviationPlanStatuses,
  keyReceiptKinds,
  readinessGapCodes,
  receiptDocumentTypes,
} from '@portvakt/core';
import { Type, type Static } from 'typebox';
import { day, month, orNull, recordedName, text, timestamp, uuid } from './schema-parts';

export const KeyReceipt = Type.Object({
  id: uuid(),
  backupKeyId: uuid(),
  kind: Type.Enum([...keyReceiptKinds]),
  label: orNull(
    Type.String({
      description: 'The key’s label when the receipt was recorded: a later relabel does not change it.',
    }),
  ),
  signedOn: day(),
  signedBy: Type.String(),
  witnessedBy: Type.String(),
  hasDocument: Type.Boolean({ description: 'Whether a scan of the signed receipt is on record.' }),
  documentType: orNull(Type.Enum([...receiptDocumentTypes])),
  recordedBy: Type.String(),
  recordedAt: timestamp(),
});
export type KeyReceipt = Static<typeof KeyReceipt>;

export const BackupKey = Type.Object({
  id: uuid(),
  customerId: uuid(),
  customerName: Type.String(),
  districtId: uuid(),
  providerId: uuid(),
  providerName: Type.String(),
  doorId: uuid(),
  doorLabel: Type.String(),
  doorKind: Type.String(),
  copies: Type.Integer(),
  keyCabinetId: orNull(uuid()),
  keyCabinetName: orNull(Type.String()),
  slot: orNull(Type.Integer()),
  safeName: orNull(Type.String()),
  label: orNull(Type.String()),
  receivedOn: day(),
  status: Type.Enum([...backupKeyStatuses]),
  returnedOn: orNull(day()),
  returnedTo: orNull(Type.String()),
  createdBy: Type.String(),
  createdAt: timestamp(),
  version: Type.Integer(),
});
export type BackupKey = Static<typeof BackupKey>;

export const BackupKeyDetail = Type.Object({
  ...BackupKey.properties,
  receipts: Type.Array(KeyReceipt, { description: 'Signed receipts, oldest first (append-only).' }),
});
export type BackupKeyDetail = Static<typeof BackupKeyDetail>;

export const BackupKeyList = Type.Object({ items: Type.Array(BackupKey) });
export type BackupKeyList = Static<typeof BackupKeyList>;

export const BackupKeyQuery = Type.Object(
  {
    customerId: Type.Optional(uuid()),
    providerId: Type.Optional(uuid()),
    keyCabinetId: Type.Optional(uuid()),
    status: Type.Optional(Type.Enum([...backupKeyStatuses])),
  },
  { additionalProperties: false },
);

const placeProperties = {
  keyCabinetId: Type.Optional(orNull(uuid())),
  slot: Type.Optional(orNull(Type.Integer({ minimum: 1, maximum: 1000 }))),
  safeName: Type.Optional(orNull(text(200))),
};

export const CreateBackupKeyBody = Type.Object(
  {
    customerId: uuid(),
    providerId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'The provider holding the key; a work lead’s own by default.',
      }),
    ),
    doorId: uuid(),
    copies: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    ...placeProperties,
    label: Type.Optional(orNull(text(200))),
    receivedOn: day(),
  },
  { additionalProperties: false },
);
export type CreateBackupKeyBody = Static<typeof CreateBackupKeyBody>;

export const UpdateBackupKeyBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    copies: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    label: Type.Optional(orNull(text(200))),
    ...placeProperties,
  },
  {
    additionalProperties: false,
    description: 'Giving any of keyCabinetId, slot, safeName moves the key: the place is then those three.',
  },
);
export type UpdateBackupKeyBody = Static<typeof UpdateBackupKeyBody>;

export const RecordKeyReceiptBody = Type.Object(
  {
    kind: Type.Enum([...keyReceiptKinds]),
    signedOn: day(),
    signedBy: text(200),
    witnessedBy: text(200),
    document: Type.Optional(
      Type.Object(
        {
          contentType: Type.Enum([...receiptDocumentTypes]),
          base64: Type.String({ minLength: 4, maxLength: 3_000_000, pattern: '^[A-Za-z0-9+/]+={0,2}$' }),
        },
        { additionalProperties: false, description: 'The scanned signed copy, up to 2 MB.' },
      ),
    ),
  },
  { additionalProperties: false },
);
export type RecordKeyReceiptBody = Static<typeof RecordKeyReceiptBody>;

export const ReturnBackupKeyBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    returnedOn: day(),
    returnedTo: text(200),
    witnessedBy: text(200),
  },
  { additionalProperties: false },
);
export type ReturnBackupKeyBody = Static<typeof ReturnBackupKeyBody>;

export const ReadinessGap = Type.Object({
  code: Type.Enum([...readinessGapCodes]),
  providerId: Type.Optional(orNull(uuid())),
  providerName: Type.Optional(orNull(Type.String())),
  doorId: Type.Optional(uuid()),
  doorLabel: Type.Optional(Type.String()),
  since: Type.Optional(orNull(day())),
});
export type ReadinessGap = Static<typeof ReadinessGap>;

export const CustomerReadiness = Type.Object({
  customerId: uuid(),
  customerName: Type.String(),
  districtId: uuid(),
  districtName: Type.String(),
  isReady: Type.Boolean(),
  missing: Type.Array(ReadinessGap),
  keysHeld: Type.Integer({ description: 'Backup keys (records) still held for the customer, in scope.' }),
  copiesHeld: Type.Integer(),
});
export type CustomerReadiness = Static<typeof CustomerReadiness>;

export const KeyReturnReadinessQuery = Type.Object(
  {
    district: Type.Optional(uuid()),
    provider: Type.Optional(uuid()),
    customerId: Type.Optional(uuid()),
    holding: Type.Optional(Type.Boolean({ description: 'Only customers with keys still held (true).' })),
  },
  { additionalProperties: false },
);

export const KeyReturnReadinessReport = Type.Object({
  day: day(),
  roundTheClockSupportSince: orNull(day()),
  items: Type.Array(CustomerReadiness),
  totals: Type.Object({
    customers: Type.Integer(),
    ready: Type.Integer(),
    holdingKeys: Type.Integer(),
    readyHoldingKeys: Type.Integer(),
  }),
  isTruncated: Type.Boolean({ description: 'More than 2000 customers matched; narrow the filter.' }),
});
export type KeyReturnReadinessReport = Static<typeof KeyReturnReadinessReport>;

export const DeviationPlan = Type.Object({
  id: uuid(),
  providerId: uuid(),
  providerName: Type.String(),
  body: Type.String(),
  validFrom: day(),
  status: Type.Enum([...deviationPlanStatuses]),
  recordedBy: Type.String(),
  recordedByName: recordedName('The recorder’s name: the provider’s people or the municipality’s staff.'),
  recordedAt: timestamp(),
  approvedBy: orNull(Type.String()),
  approvedByName: recordedName(),
  approvedAt: orNull(timestamp()),
  approvalNote: orNull(Type.String()),
  rejectedBy: orNull(Type.String()),
  rejectedByName: recordedName(),
  rejectedAt: orNull(timestamp()),
  rejectedReason: orNull(Type.String()),
});
export type DeviationPlan = Static<typeof DeviationPlan>;

export const DeviationPlanList = Type.Object({ day: day(), items: Type.Array(DeviationPlan) });
export type DeviationPlanList = Static<typeof DeviationPlanList>;

export const DeviationPlanQuery = Type.Object(
  {
    providerId: Type.Optional(uuid()),
    status: Type.Optional(Type.Enum([...deviationPlanStatuses])),
  },
  { additionalProperties: false },
);

export const CreateDeviationPlanBody = Type.Object(
  {
    providerId: Type.Optional(
      Type.String({ format: 'uuid', description: 'A work lead’s own provider by default.' }),
    ),
    body: text(20_000),
    validFrom: day(),
  },
  { additionalProperties: false },
);
export type CreateDeviationPlanBody = Static<typeof CreateDeviationPlanBody>;

export const DecideDeviationPlanBody = Type.Object(
  {
    decision: Type.Enum([...deviationPlanDecisions]),
    reason: Type.Optional(orNull(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export type DecideDeviationPlanBody = Static<typeof DecideDeviationPlanBody>;

export const KeysHeldQuery = Type.Object(
  {
    from: Type.Optional(month('First month, YYYY-MM.')),
    to: Type.Optional(month('Last month, YYYY-MM.')),
  },
  { additionalProperties: false },
);

export const KeysHeldPoint = Type.Object({
  day: day(),
  keys: Type.Integer({ description: 'Backup keys (records) held at the end of the day.' }),
  copies: Type.Integer({ description: 'Physical copies held.' }),
  customers: Type.Integer({ description: 'Customers with a key held.' }),
  keysReturned: Type.Integer({ description: 'Keys returned in the month.' }),
  customersReturned: Type.Integer({
    description: 'Customers all of whose keys had gone back by the day (key handling avoided).',
  }),
  cabinetTakes: Type.Integer({
    description:
      'Cabinet takes authorised in the month that were taken or are still in force; never a cancelled one nor one that lapsed unused.',
  }),
});
export type KeysHeldPoint = Static<typeof KeysHeldPoint>;

const heldAtEachPoint = () => Type.Array(Type.Integer(), { description: 'Keys held at each point’s day.' });
export const KeysHeldByProvider = Type.Object({
  providerId: uuid(),
  name: Type.String(),
  keys: heldAtEachPoint(),
});
export const KeysHeldByDistrict = Type.Object({
  districtId: uuid(),
  name: Type.String(),
  keys: heldAtEachPoint(),
});

export const KeysHeldReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  points: Type.Array(KeysHeldPoint),
  providers: Type.Array(KeysHeldByProvider),
  districts: Type.Array(KeysHeldByDistrict),
});
export type KeysHeldReport = Static<typeof KeysHeldReport>;
