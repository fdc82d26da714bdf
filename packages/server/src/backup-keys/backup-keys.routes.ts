// Backup keys and their receipts, key-return readiness and keys still held (docs/backup-keys.md).
// The use cases are one file each here; deviation plans are in deviation-plans.routes.ts.
import {
  BackupKeyDetail,
  BackupKeyList,
  BackupKeyQuery,
  CreateBackupKeyBody,
  KeyReceipt,
  KeyReturnReadinessQuery,
  KeyReturnReadinessReport,
  KeysHeldQuery,
  KeysHeldReport,
  RecordKeyReceiptBody,
  ReturnBackupKeyBody,
  UpdateBackupKeyBody,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { type AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareResourceRoutes } from '../platform/declare-resource-routes';
import { declareRoutes } from '../platform/declare-routes';
import { pdfType, sendDownload } from '../platform/downloads';
import { createBackupKey } from './create-backup-key';
import { listBackupKeys, readBackupKey } from './list-backup-keys';
import { readKeyReceipt } from './read-key-receipt';
import { readKeyReceiptDocument } from './read-key-receipt-document';
import { readKeyReturnReadiness } from './read-key-return-readiness';
import { readKeysHeld } from './read-keys-held';
import { recordKeyReceipt } from './record-key-receipt';
import { returnBackupKey } from './return-backup-key';
import { updateBackupKey } from './update-backup-key';

/** Route templates this file adds (role × scope in backup-keys.test.ts). */
export const backupKeyRouteTemplates = [
  'GET /api/v1/backup-keys',
  'POST /api/v1/backup-keys',
  'GET /api/v1/backup-keys/{id}',
  'PATCH /api/v1/backup-keys/{id}',
  'GET /api/v1/backup-keys/{id}/receipt.pdf',
  'POST /api/v1/backup-keys/{id}/receipts',
  'GET /api/v1/backup-keys/{id}/receipts/{receiptId}/document',
  'POST /api/v1/backup-keys/{id}/return',
  'GET /api/v1/key-return-readiness',
  'GET /api/v1/keys-held',
];

/** A scanned receipt of up to 2 MB, in base64 inside JSON. */
const receiptBodyLimit = 3 * 1024 * 1024;

export function registerBackupKeyRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['backup keys'], context, pathParams: 'uuid' });

  const keys = declareResourceRoutes(routes, '/api/v1/backup-keys', 'backup_key');

  keys.list({
    summary: 'Backup keys: the physical keys providers hold for customers (R9.3)',
    description:
      'A work lead or staff member sees their own provider’s keys of customers it serves; support and auditors all; property owners none.',
    querystring: BackupKeyQuery,
    response: BackupKeyList,
    useCase: listBackupKeys,
  });

  keys.create({
    summary: 'Record a physical key a provider holds for a customer',
    description:
      'Which door on the customer’s way in (422 `door_not_on_path`), how many copies, where kept: a slot of one of the provider’s cabinets (422 `slot_out_of_range`, `cabinet_retired`, `cabinet_of_other_provider`; 409 `slot_taken`) or a named safe (422 `storage_place_required` unless exactly one). A work lead records only their own provider’s keys (403) for customers it serves (404; 422 `provider_not_serving`).',
    body: CreateBackupKeyBody,
    response: BackupKeyDetail,
    useCase: createBackupKey,
  });

  keys.read({
    summary: 'A backup key with its signed receipts',
    response: BackupKeyDetail,
    useCase: readBackupKey,
  });

  keys.update({
    summary: 'Change a held key’s copies, label or place (at its version)',
    description:
      'A new label shows on the key and its slot; its past takes and receipts, and the printed receipt once signed, keep the label they were made with. 409 `version_conflict`, `key_returned`, `slot_taken`; the place rules as on create. A key leaves its cabinet slot only while no take of it is out or authorised (409 `key_already_out`); a lapsed authorisation is cancelled.',
    body: UpdateBackupKeyBody,
    response: BackupKeyDetail,
    useCase: updateBackupKey,
  });

  routes.get('/api/v1/backup-keys/:id/receipt.pdf', {
    summary: 'The key receipt to print and sign (PDF, Swedish, R6.2)',
    description:
      'Once a signed `received` receipt is on record, the label printed is the one on that receipt, not a later one.',
    permission: ['backup_key', 'read'],
    handle: async ({ request, reply, options }) => {
      const pdf = await readKeyReceipt({ ...options, input: request.params });
      const fileName = `kvittens-reservnyckel-${request.params.id}.pdf`;
      return sendDownload(reply, { contentType: pdfType, fileName, content: pdf });
    },
  });

  declareRoutes(app, {
    tags: ['backup keys'],
    bodyLimit: receiptBodyLimit,
    context,
    pathParams: 'uuid',
  }).post('/api/v1/backup-keys/:id/receipts', {
    summary: 'Record a signed key receipt (append-only)',
    description:
      '`received`, or `returned` once the key has gone back (409 `key_not_returned`); `signedOn` not before the key was received (422 `signed_before_received`). The optional scan is base64 of a PDF, JPEG or PNG of at most 2 MB whose bytes match its type (422 `invalid_document`, `document_too_large`).',
    body: RecordKeyReceiptBody,
    response: KeyReceipt,
    status: 201,
    permission: ['backup_key', 'update'],
    handle: callUseCase(recordKeyReceipt, inputFrom.idWith('receipt')),
  });

  routes.get('/api/v1/backup-keys/:id/receipts/:receiptId/document', {
    summary: 'The scanned signed receipt, as uploaded (PDF, JPEG or PNG)',
    permission: ['backup_key', 'read'],
    handle: async ({ request, reply, options }) => {
      const { document, documentType } = await readKeyReceiptDocument({ ...options, input: request.params });
      const extension =
        { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }[documentType] ?? 'bin';
      // Served as a download of the type its bytes were checked against, never sniffed as anything else.
      const fileName = `kvittens-${request.params.receiptId}.${extension}`;
      return sendDownload(reply.header('x-content-type-options', 'nosniff'), {
        contentType: documentType,
        fileName,
        content: document,
      });
    },
  });

  routes.post('/api/v1/backup-keys/:id/return', {
    summary: 'Register the key’s return to the customer (R8.3)',
    description:
      '409 `key_already_out` while the key is out of its cabinet or a take of it is authorised and not yet used (a lapsed one is cancelled), answered before readiness is judged. Then only when the customer is ready on the day of the return: otherwise 409 `not_ready_for_return` with `details.missing` (the readiness gaps) and nothing changed. Frees the cabinet slot and records a `returned` receipt signed by whoever received the key.',
    body: ReturnBackupKeyBody,
    response: BackupKeyDetail,
    permission: ['key_return_readiness', 'create'],
    handle: callUseCase(returnBackupKey, inputFrom.idWith('return')),
  });

  routes.get('/api/v1/key-return-readiness', {
    summary: 'Per customer: may the physical keys go back, or what is missing (R8.3)',
    description:
      'Ready when every provider of the customer’s services in force is introduced and has an approved deviation plan in force, every door on the way in has a lock in use, and round-the-clock support is established. Filters: `district`, `provider` (customers it serves or holds keys for), `holding`. A work lead sees their provider’s customers and no other provider’s name.',
    querystring: KeyReturnReadinessQuery,
    response: KeyReturnReadinessReport,
    permission: ['key_return_readiness', 'read'],
    handle: callUseCase(readKeyReturnReadiness, inputFrom.query),
  });

  routes.get('/api/v1/keys-held', {
    summary: 'Physical keys still held per month end, per provider and district (R11.2)',
    description:
      '`from`/`to` are months (YYYY-MM; default the past twelve). Also the keys returned in each month, the customers whose keys have all gone back, and the cabinet takes that were taken or are still in force (a take authorised and lapsed unused is not counted).',
    querystring: KeysHeldQuery,
    response: KeysHeldReport,
    permission: ['keys_held', 'read'],
    handle: callUseCase(readKeysHeld, inputFrom.query),
  });
}
