// Backup keys (R9.3) and their signed receipts (R6.2): the physical keys a provider holds for a
// customer, where each is kept, and the receipts on record. Scope is turned into SQL here.
import type { Scope } from '@portvakt/core';
import {
  createExistenceCheck,
  createRowsQuery,
  createFirstRowQuery,
  Params,
  type Queryable,
} from '../platform/queryable';
import { serviceDuring } from '../registry';

export interface BackupKeyRow {
  id: string;
  municipalityId: string;
  customerId: string;
  customerName: string;
  districtId: string;
  providerId: string;
  providerName: string;
  doorId: string;
  doorLabel: string;
  doorKind: string;
  copies: number;
  keyCabinetId: string | null;
  keyCabinetName: string | null;
  slot: number | null;
  safeName: string | null;
  label: string | null;
  receivedOn: string;
  status: 'held' | 'returned';
  returnedOn: string | null;
  returnedTo: string | null;
  createdBy: string;
  createdAt: Date;
  version: number;
}

/**
 * The backup keys (alias `b`) `scope` sees on `day`, with their names; every joined row is read
 * within the key's municipality.
 */
function selectBackupKeys(scope: Scope, day: string, params: Params): string {
  const municipality = params.add(scope.municipalityId);
  return `SELECT b.id, b.municipality_id AS "municipalityId", b.customer_id AS "customerId",
  c.given_name || ' ' || c.family_name AS "customerName", c.district_id AS "districtId",
  b.provider_id AS "providerId", p.name AS "providerName", b.door_id AS "doorId", d.label AS "doorLabel",
  d.kind AS "doorKind", b.copies, b.key_cabinet_id AS "keyCabinetId", k.name AS "keyCabinetName", b.slot,
  b.safe_name AS "safeName", b.label, to_char(b.received_on, 'YYYY-MM-DD') AS "receivedOn", b.status,
  to_char(b.returned_on, 'YYYY-MM-DD') AS "returnedOn", b.returned_to AS "returnedTo",
  b.created_by AS "createdBy", b.created_at AS "createdAt", b.version
  FROM backup_key b JOIN customer c ON c.municipality_id = b.municipality_id AND c.id = b.customer_id
  JOIN provider p ON p.municipality_id = b.municipality_id AND p.id = b.provider_id
  JOIN door d ON d.municipality_id = b.municipality_id AND d.id = b.door_id
  LEFT JOIN key_cabinet k ON k.municipality_id = b.municipality_id AND k.id = b.key_cabinet_id
  WHERE b.municipality_id = ${municipality} AND ${backupKeyScopeCondition(scope, day, params, municipality)}`;
}

/**
 * The backup keys of the scope's municipality (the parameter `municipality`) `scope` sees (alias
 * `b`): all; a work lead's or staff member's provider's keys of customers the provider serves on
 * `day` or later (R2.7: nobody else's).
 */
export function backupKeyScopeCondition(
  scope: Scope,
  day: string,
  params: Params,
  municipality: string,
): string {
  if (scope.kind === 'municipality') return 'true';
  if (scope.kind === 'provider' || scope.kind === 'self') {
    const p = params.add(scope.providerId);
    const served = serviceDuring('cs', p, { fromDay: day, toDay: null }, params);
    return `b.provider_id = ${p} AND EXISTS (SELECT 1 FROM customer_service cs
      WHERE cs.municipality_id = ${municipality} AND cs.customer_id = b.customer_id AND ${served})`;
  }
  throw new Error(`No ${scope.kind} scope rule for backup_key`);
}

export interface BackupKeyFilter {
  id?: string | undefined;
  customerId?: string | undefined;
  providerId?: string | undefined;
  keyCabinetId?: string | undefined;
  status?: 'held' | 'returned' | undefined;
}

/** Keys in scope matching the filter: held first, then by customer and door. */
export async function listBackupKeys(
  db: Queryable,
  scope: Scope,
  day: string,
  filter: BackupKeyFilter,
): Promise<BackupKeyRow[]> {
  const params = new Params();
  const conditions = [selectBackupKeys(scope, day, params)];
  if (filter.id) conditions.push(`b.id = ${params.add(filter.id)}`);
  if (filter.customerId) conditions.push(`b.customer_id = ${params.add(filter.customerId)}`);
  if (filter.providerId) conditions.push(`b.provider_id = ${params.add(filter.providerId)}`);
  if (filter.keyCabinetId) conditions.push(`b.key_cabinet_id = ${params.add(filter.keyCabinetId)}`);
  if (filter.status) conditions.push(`b.status = ${params.add(filter.status)}`);
  const { rows } = await db.query<BackupKeyRow>(
    `${conditions.join(' AND ')}
     ORDER BY b.status, c.family_name, c.given_name, d.label, b.received_on, b.id LIMIT 2000`,
    params.values,
  );
  return rows;
}

export async function findBackupKey(
  db: Queryable,
  scope: Scope,
  day: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<BackupKeyRow | undefined> {
  if (options.forUpdate)
    await db.query('SELECT 1 FROM backup_key WHERE municipality_id = $2 AND id = $1 FOR UPDATE', [
      id,
      scope.municipalityId,
    ]);
  return (await listBackupKeys(db, scope, day, { id }))[0];
}

export interface KeyCabinetFacts {
  id: string;
  providerId: string;
  slotCount: number;
  isRetired: boolean;
}

/**
 * The cabinet's owner and slots, for placing a key in it, locked until the transaction ends: a
 * resize or retirement (`lockKeyCabinet`, FOR UPDATE) waits for the placed key to commit and then
 * counts it, or commits first and this reads what it left. FOR SHARE, so keys placed in one
 * cabinet at once do not wait for each other. Call it inside the placing transaction.
 */
export const lockKeyCabinetFacts = createFirstRowQuery<
  KeyCabinetFacts,
  [municipalityId: string, keyCabinetId: string]
>(`SELECT id, provider_id AS "providerId", slot_count AS "slotCount", retired_at IS NOT NULL AS "isRetired"
   FROM key_cabinet WHERE municipality_id = $1 AND id = $2 FOR SHARE`);

/** Whether the door is on the customer's way in (a path step or their apartment door). */
export const isDoorOnCustomerPath = createExistenceCheck<
  [municipalityId: string, customerId: string, doorId: string]
>(`SELECT 1 FROM access_path_step WHERE municipality_id = $1 AND customer_id = $2 AND door_id = $3
   UNION ALL SELECT 1 FROM customer c WHERE c.municipality_id = $1 AND c.id = $2 AND c.apartment_door_id = $3 LIMIT 1`);

export interface NewBackupKey {
  municipalityId: string;
  customerId: string;
  providerId: string;
  doorId: string;
  copies: number;
  keyCabinetId: string | null;
  slot: number | null;
  safeName: string | null;
  label: string | null;
  receivedOn: string;
  createdBy: string;
  createdAt: Date;
}

/** A key receipt's columns as the API shows them, without the document itself. */
const receiptColumns = `id, backup_key_id AS "backupKeyId", kind, to_char(signed_on, 'YYYY-MM-DD') AS "signedOn",
  label, signed_by AS "signedBy", witnessed_by AS "witnessedBy", document IS NOT NULL AS "hasDocument",
  document_type AS "documentType", recorded_by AS "recordedBy", recorded_at AS "recordedAt"`;

/**
 * Records a held key; undefined when its cabinet slot already holds one (the partial unique index
 * backup_key_slot, so two requests for one slot cannot both win).
 */
export async function insertBackupKey(db: Queryable, key: NewBackupKey): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO backup_key (municipality_id, customer_id, provider_id, door_id, copies, key_cabinet_id, slot,
       safe_name, label, received_on, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (municipality_id, key_cabinet_id, slot) WHERE status = 'held' AND key_cabinet_id IS NOT NULL DO NOTHING
     RETURNING id`,
    [
      key.municipalityId,
      key.customerId,
      key.providerId,
      key.doorId,
      key.copies,
      key.keyCabinetId,
      key.slot,
      key.safeName,
      key.label,
      key.receivedOn,
      key.createdBy,
      key.createdAt,
    ],
  );
  return rows[0]?.id;
}

export interface BackupKeyChange {
  copies: number;
  label: string | null;
  keyCabinetId: string | null;
  slot: number | null;
  safeName: string | null;
}

export type VersionedWrite = 'written' | 'version_conflict' | 'slot_taken';

/** Changes a held key at `version`; the slot index refuses a move into a taken slot. */
export async function updateBackupKey(
  db: Queryable,
  municipalityId: string,
  id: string,
  version: number,
  change: BackupKeyChange,
): Promise<VersionedWrite> {
  try {
    const { rowCount } = await db.query(
      `UPDATE backup_key SET copies = $3, label = $4, key_cabinet_id = $5, slot = $6, safe_name = $7,
         version = version + 1
       WHERE municipality_id = $8 AND id = $1 AND version = $2 AND status = 'held'`,
      [
        id,
        version,
        change.copies,
        change.label,
        change.keyCabinetId,
        change.slot,
        change.safeName,
        municipalityId,
      ],
    );
    return rowCount === 1 ? 'written' : 'version_conflict';
  } catch (error) {
    if ((error as { constraint?: string }).constraint === 'backup_key_slot') return 'slot_taken';
    throw error;
  }
}

/**
 * Records the key's return to the customer at `version`. The key keeps its cabinet and slot on
 * record, but the slot index covers held keys only, so the slot is free from now on.
 */
export async function markBackupKeyReturned(
  db: Queryable,
  municipalityId: string,
  id: string,
  version: number,
  returned: { returnedOn: string; returnedTo: string },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE backup_key SET status = 'returned', returned_on = $3, returned_to = $4, version = version + 1
     WHERE municipality_id = $5 AND id = $1 AND version = $2 AND status = 'held'`,
    [id, version, returned.returnedOn, returned.returnedTo, municipalityId],
  );
  return rowCount === 1;
}

export interface KeyReceiptRow {
  id: string;
  backupKeyId: string;
  kind: 'received' | 'returned';
  /** The key's label when the receipt was recorded: a receipt is on record as it was made (0062). */
  label: string | null;
  signedOn: string;
  signedBy: string;
  witnessedBy: string;
  hasDocument: boolean;
  documentType: 'application/pdf' | 'image/jpeg' | 'image/png' | null;
  recordedBy: string;
  recordedAt: Date;
}

export async function insertKeyReceipt(
  db: Queryable,
  receipt: {
    municipalityId: string;
    backupKeyId: string;
    kind: 'received' | 'returned';
    signedOn: string;
    signedBy: string;
    witnessedBy: string;
    document: Uint8Array | null;
    documentType: string | null;
    recordedBy: string;
    recordedAt: Date;
  },
): Promise<KeyReceiptRow> {
  const { rows } = await db.query<KeyReceiptRow>(
    `INSERT INTO backup_key_receipt (municipality_id, backup_key_id, kind, signed_on, signed_by, witnessed_by,
       document, document_type, recorded_by, recorded_at, label)
     VALUES ($10, $1, $2, $3, $4, $5, $6, $7, $8, $9,
       (SELECT label FROM backup_key WHERE municipality_id = $10 AND id = $1))
     RETURNING ${receiptColumns}`,
    [
      receipt.backupKeyId,
      receipt.kind,
      receipt.signedOn,
      receipt.signedBy,
      receipt.witnessedBy,
      receipt.document ? Buffer.from(receipt.document) : null,
      receipt.documentType,
      receipt.recordedBy,
      receipt.recordedAt,
      receipt.municipalityId,
    ],
  );
  return rows[0]!;
}

/** The key's receipts, oldest first, without the documents themselves. */
export const listKeyReceipts = createRowsQuery<
  KeyReceiptRow,
  [municipalityId: string, backupKeyId: string]
>(`SELECT ${receiptColumns}
   FROM backup_key_receipt WHERE municipality_id = $1 AND backup_key_id = $2 ORDER BY recorded_at, id`);

export interface KeyReceiptView {
  municipalityName: string;
  customerName: string;
  streetAddress: string | null;
  postalCode: string | null;
  city: string | null;
  apartment: string | null;
  providerName: string;
}

/** What the printed receipt names besides the key itself: the customer's address and the municipality. */
export async function readKeyReceiptView(
  db: Queryable,
  municipalityId: string,
  backupKeyId: string,
): Promise<KeyReceiptView> {
  const { rows } = await db.query<KeyReceiptView>(
    `SELECT m.name AS "municipalityName", c.given_name || ' ' || c.family_name AS "customerName",
       pr.street_address AS "streetAddress", pr.postal_code AS "postalCode", pr.city, c.apartment,
       p.name AS "providerName"
     FROM backup_key b JOIN municipality m ON m.id = b.municipality_id
     JOIN customer c ON c.municipality_id = b.municipality_id AND c.id = b.customer_id
     JOIN provider p ON p.municipality_id = b.municipality_id AND p.id = b.provider_id
     LEFT JOIN property pr ON pr.municipality_id = c.municipality_id AND pr.id = c.residence_property_id
     WHERE b.municipality_id = $2 AND b.id = $1`,
    [backupKeyId, municipalityId],
  );
  return rows[0]!;
}

/** The scanned copy of one of the key's receipts, when one was uploaded. */
export const readKeyReceiptDocument = createFirstRowQuery<
  { document: Buffer; documentType: string },
  [municipalityId: string, backupKeyId: string, receiptId: string]
>(`SELECT document, document_type AS "documentType" FROM backup_key_receipt
   WHERE municipality_id = $1 AND backup_key_id = $2 AND id = $3 AND document IS NOT NULL`);
