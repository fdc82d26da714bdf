// verify-log (docs/event-log.md "verify-log"): re-verifies every stored chain from the bytes the
// devices hashed, every stored chain head's signature with the device's enrolled key, that the
// stored columns say what the signed records say, and reports gaps; then the audit trail's
// signed checkpoints.
import { createHash } from 'node:crypto';
import {
  bytesToUuid,
  decodeEventRecord,
  eventKinds,
  eventResults,
  importPublicJwk,
  reasonCodes,
  verifyChainHead,
  verifyEs256,
  type PublicJwk,
} from '@portvakt/protocol';
import type pg from 'pg';
import { insertEventFindings, type EventFindingInput } from './event-log.repository';

export interface VerifyLogFinding {
  kind: 'altered_record' | 'broken_chain' | 'bad_head_signature' | 'gap' | 'audit_trail';
  municipalityId: string;
  deviceId: string | null;
  sequence: number | null;
  message: string;
}

export interface VerifyLogResult {
  devices: number;
  records: number;
  heads: number;
  auditEntries: number;
  checkpoints: number;
  findings: VerifyLogFinding[];
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/** Re-verifies the whole event log (optionally one municipality). Records what it finds. */
export async function verifyEventLog(
  pool: pg.Pool,
  options: {
    municipalityId?: string;
    onProgress?: (done: number, total: number) => void;
    isRecording?: boolean;
  } = {},
): Promise<VerifyLogResult> {
  const result: VerifyLogResult = {
    devices: 0,
    records: 0,
    heads: 0,
    auditEntries: 0,
    checkpoints: 0,
    findings: [],
  };
  const { rows: chains } = await pool.query<{
    deviceId: string;
    municipalityId: string;
    lastSequence: number;
    lastHash: Buffer;
    stored: number;
    jwk: PublicJwk | null;
    lockDigitalKey: string | null;
  }>(
    `SELECT c.device_id AS "deviceId", c.municipality_id AS "municipalityId", c.last_sequence AS "lastSequence",
       c.last_hash AS "lastHash", c.stored_records AS stored, e.public_jwk AS jwk, e.digital_key_id AS "lockDigitalKey"
     FROM device_chain c LEFT JOIN device_enrolment e ON e.id = c.device_id
     WHERE $1::uuid IS NULL OR c.municipality_id = $1 ORDER BY c.device_id`,
    [options.municipalityId ?? null],
  );
  const total = chains.reduce((n, c) => n + Number(c.stored), 0);
  let done = 0;
  for (const chain of chains) {
    result.devices++;
    const find = (kind: VerifyLogFinding['kind'], sequence: number | null, message: string) =>
      result.findings.push({
        kind,
        municipalityId: chain.municipalityId,
        deviceId: chain.deviceId,
        sequence,
        message: `device ${chain.deviceId}: ${message}`,
      });
    const hashes = new Map<number, Buffer>();
    let previous: { sequence: number; hash: Buffer } | undefined;
    let after = 0;
    for (;;) {
      const { rows } = await pool.query<Record<string, unknown> & { sequence: number; record: Buffer }>(
        `SELECT sequence, device_time, kind, result, reason, battery, key_id, staff_pseudonym, lock_number, record,
           block_list_version, verified, claimed_key_id, event_count, first_time
         FROM device_event_all WHERE device_id = $1 AND sequence > $2 ORDER BY sequence LIMIT 5000`,
        [chain.deviceId, after],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const sequence = Number(row.sequence);
        after = sequence;
        result.records++;
        done++;
        const bytes = new Uint8Array(row.record);
        let record;
        try {
          record = decodeEventRecord(bytes);
        } catch (error) {
          find(
            'altered_record',
            sequence,
            `record ${sequence} no longer decodes (${(error as Error).message})`,
          );
          continue;
        }
        const hash = sha256(bytes);
        hashes.set(sequence, hash);
        const differs: string[] = [];
        if (bytesToUuid(record.deviceId) !== chain.deviceId || record.sequence !== sequence)
          differs.push('identity');
        if ((row.device_time as Date).getTime() !== record.time * 1000) differs.push('device time');
        if (Number(row.kind) !== eventKinds[record.kind]) differs.push('kind');
        if (Number(row.result) !== eventResults[record.result]) differs.push('result');
        if (Number(row.reason) !== reasonCodes[record.reason]) differs.push('reason');
        if (Number(row.battery) !== record.battery) differs.push('battery');
        if ((row.staff_pseudonym ?? undefined) !== record.staff) differs.push('staff');
        const keyId = record.keyId ? bytesToUuid(record.keyId) : chain.lockDigitalKey;
        if ((row.key_id ?? null) !== (keyId ?? null)) differs.push('key');
        if (record.lock !== undefined && Number(row.lock_number) !== record.lock) differs.push('lock number');
        const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
        if (numberOrNull(row.block_list_version) !== (record.blockListVersion ?? null))
          differs.push('block-list version');
        if ((row.verified ?? null) !== (record.verified ?? null)) differs.push('verified');
        if ((row.claimed_key_id ?? null) !== (record.claimedKeyId ? bytesToUuid(record.claimedKeyId) : null))
          differs.push('claimed key');
        if (numberOrNull(row.event_count) !== (record.count ?? null)) differs.push('count');
        const firstTime = row.first_time === null ? null : (row.first_time as Date).getTime() / 1000;
        if (firstTime !== (record.firstTime ?? null)) differs.push('first time');
        if (differs.length > 0)
          find(
            'altered_record',
            sequence,
            `record ${sequence}: stored ${differs.join(', ')} differ from the signed record`,
          );
        if (previous && previous.sequence === sequence - 1 && !previous.hash.equals(Buffer.from(record.prev)))
          find('broken_chain', sequence, `record ${sequence} does not link to record ${sequence - 1}`);
        if (previous && previous.sequence < sequence - 1)
          find('gap', previous.sequence + 1, `records ${previous.sequence + 1}..${sequence - 1} missing`);
        previous = { sequence, hash };
      }
      options.onProgress?.(done, total);
    }
    if (previous && previous.sequence === Number(chain.lastSequence) && !previous.hash.equals(chain.lastHash))
      find(
        'broken_chain',
        previous.sequence,
        `newest record ${previous.sequence} differs from the chain's last hash`,
      );
    // Every stored head: signature by the enrolled key, and the record it names still hashes to it.
    const key = chain.jwk ? await importPublicJwk(chain.jwk) : undefined;
    const { rows: heads } = await pool.query<{ sequence: number; hash: Buffer; head: Buffer }>(
      'SELECT sequence, hash, head FROM device_chain_head WHERE device_id = $1 ORDER BY id',
      [chain.deviceId],
    );
    for (const head of heads) {
      result.heads++;
      try {
        if (!key) throw new Error('device key unknown');
        await verifyChainHead(new Uint8Array(head.head), key);
      } catch (error) {
        find(
          'bad_head_signature',
          Number(head.sequence),
          `chain head for ${head.sequence}: ${(error as Error).message}`,
        );
        continue;
      }
      const stored = hashes.get(Number(head.sequence));
      if (stored && !stored.equals(head.hash))
        find(
          'altered_record',
          Number(head.sequence),
          `record ${head.sequence} does not match its signed chain head`,
        );
    }
  }
  await verifyAuditCheckpoints(pool, options.municipalityId, result);
  if (options.isRecording !== false) {
    const toRecord: EventFindingInput[] = result.findings
      .filter((f) => f.kind !== 'gap')
      .map((f) => ({
        municipalityId: f.municipalityId,
        kind: f.kind,
        deviceId: f.deviceId,
        firstSequence: f.sequence,
        lastSequence: f.sequence,
        message: f.message,
        foundBy: 'verify-log',
      }));
    await insertEventFindings(pool, toRecord);
  }
  return result;
}

/** The canonical bytes of one audit entry, as chained by checkpoints. */
export function auditEntryBytes(row: Record<string, unknown>): Buffer {
  return Buffer.from(
    JSON.stringify([
      Number(row.id),
      row.municipality_id,
      (row.occurred_at as Date).toISOString(),
      row.actor_user_id,
      row.actor_token_id,
      row.actor_label,
      row.actor_role,
      row.action,
      row.entity,
      row.entity_id,
      row.before_text,
      row.after_text,
      row.request_id,
      row.source,
    ]),
  );
}

/** Chain step: SHA-256(previous chain hash ‖ SHA-256(entry bytes)). */
export function nextAuditChainHash(previous: Buffer, entry: Buffer): Buffer {
  return createHash('sha256').update(previous).update(sha256(entry)).digest();
}

export const auditGenesis = Buffer.alloc(32);

/** The payload a checkpoint signs. */
export function auditCheckpointPayload(c: {
  municipalityId: string;
  upToEntryId: number;
  entryCount: number;
  chainHash: Buffer;
}): Buffer {
  return Buffer.from(
    JSON.stringify({
      v: 1,
      municipalityId: c.municipalityId,
      upToEntryId: c.upToEntryId,
      entryCount: c.entryCount,
      chainHash: c.chainHash.toString('hex'),
    }),
  );
}

/** Reads a municipality's audit entries in id order, chaining them; calls back per entry. */
export async function walkAuditChain(
  pool: Pick<pg.Pool, 'query'>,
  municipalityId: string,
  upTo: number | null,
  onEntry: (id: number, chainHash: Buffer, count: number) => void,
): Promise<{ chainHash: Buffer; count: number; lastId: number }> {
  let chainHash: Buffer = auditGenesis;
  let count = 0;
  let lastId = 0;
  for (;;) {
    const { rows } = await pool.query<Record<string, unknown>>(
      `SELECT id, municipality_id, occurred_at, actor_user_id, actor_token_id, actor_label, actor_role, action, entity,
         entity_id, before::text AS before_text, after::text AS after_text, request_id, source
       FROM audit_entry WHERE municipality_id = $1 AND id > $2 AND ($3::bigint IS NULL OR id <= $3)
       ORDER BY id LIMIT 5000`,
      [municipalityId, lastId, upTo],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      chainHash = nextAuditChainHash(chainHash, auditEntryBytes(row));
      count++;
      lastId = Number(row.id);
      onEntry(lastId, chainHash, count);
    }
  }
  return { chainHash, count, lastId };
}

async function verifyAuditCheckpoints(
  pool: pg.Pool,
  municipalityId: string | undefined,
  result: VerifyLogResult,
): Promise<void> {
  const { rows: checkpoints } = await pool.query<{
    municipalityId: string;
    upTo: number;
    count: number;
    chainHash: Buffer;
    payload: Buffer;
    signature: Buffer;
    jwk: PublicJwk | null;
  }>(
    `SELECT c.municipality_id AS "municipalityId", c.up_to_entry_id AS "upTo", c.entry_count AS count,
       c.chain_hash AS "chainHash", c.payload, c.signature, k.public_jwk AS jwk
     FROM audit_checkpoint c LEFT JOIN issuer_key k ON k.kid = c.kid
     WHERE $1::uuid IS NULL OR c.municipality_id = $1 ORDER BY c.municipality_id, c.up_to_entry_id`,
    [municipalityId ?? null],
  );
  const byMunicipality = new Map<string, typeof checkpoints>();
  for (const c of checkpoints)
    byMunicipality.set(c.municipalityId, [...(byMunicipality.get(c.municipalityId) ?? []), c]);
  for (const [m, list] of byMunicipality) {
    const find = (message: string) =>
      result.findings.push({
        kind: 'audit_trail',
        municipalityId: m,
        deviceId: null,
        sequence: null,
        message,
      });
    const at = new Map<number, { hash: Buffer; count: number }>();
    const walked = await walkAuditChain(pool, m, null, (id, hash, count) => {
      if (list.some((c) => Number(c.upTo) === id)) at.set(id, { hash, count });
    });
    result.auditEntries += walked.count;
    for (const c of list) {
      result.checkpoints++;
      const payload = auditCheckpointPayload({
        municipalityId: m,
        upToEntryId: Number(c.upTo),
        entryCount: Number(c.count),
        chainHash: c.chainHash,
      });
      const key = c.jwk ? await importPublicJwk(c.jwk) : undefined;
      if (
        !key ||
        !payload.equals(c.payload) ||
        !(await verifyEs256(key, new Uint8Array(c.signature), payload))
      ) {
        find(`audit checkpoint up to entry ${c.upTo}: signature invalid`);
        continue;
      }
      const now = at.get(Number(c.upTo));
      if (!now || now.count !== Number(c.count) || !now.hash.equals(c.chainHash))
        find(
          `audit trail up to entry ${c.upTo} no longer matches its signed checkpoint (altered or removed entries)`,
        );
    }
  }
}
