// verify-log (docs/event-log.md "verify-log"): re-verifies every stored chain from the bytes the
// devices hashed, every stored chain head's signature with the device's enrolled key, that the
// stored columns say what the signed records say; finds what is missing — every sequence from 1
// to the newest of the chain row and the signed heads must be stored, an open ingest gap, or cut
// by retention (device_retention_cut) — and devices with records or heads but no chain row; walks
// each municipality's head ledger (every accepted head, chained at insert and signed by audit
// checkpoints), so a device whose records, heads and chain row were all removed is still found;
// then the audit trail (audit-verify.ts).
import { createHash } from 'node:crypto';
import {
  bytesToUuid,
  decodeEventRecord,
  eventKinds,
  eventResults,
  importPublicJwk,
  reasonCodes,
  verifyChainHead,
  type PublicJwk,
} from '@portvakt/protocol';
import type pg from 'pg';
import { keyForSequence } from '@portvakt/core';
import { verifyAuditTrail } from '../audit';
import { listRetiredEnrolmentKeys, type RetiredKey } from '../devices';
import { insertEventFindings, type EventFindingInput } from './event-finding.repository';

export interface VerifyLogFinding {
  kind:
    | 'altered_record'
    | 'broken_chain'
    | 'bad_head_signature'
    | 'gap'
    | 'missing_record'
    | 'missing_chain'
    | 'head_ledger'
    | 'audit_trail';
  municipalityId: string | null;
  deviceId: string | null;
  sequence: number | null;
  message: string;
}

export interface VerifyLogResult {
  devices: number;
  records: number;
  heads: number;
  /** Records legitimately removed by retention (not findings). */
  retentionRemoved: number;
  auditChains: number;
  auditEntries: number;
  checkpoints: number;
  findings: VerifyLogFinding[];
}

type Range = [number, number];

/** Splits [a, b] into the parts covered by `known` ranges (sorted) and the rest. */
export function classifyMissing(
  a: number,
  b: number,
  known: Array<{ range: Range; label: 'gap' | 'retention' }>,
): Array<{ range: Range; label: 'gap' | 'retention' | 'deleted' }> {
  const out: Array<{ range: Range; label: 'gap' | 'retention' | 'deleted' }> = [];
  let at = a;
  for (const k of known) {
    if (k.range[1] < at || k.range[0] > b) continue;
    if (k.range[0] > at) out.push({ range: [at, k.range[0] - 1], label: 'deleted' });
    const end = Math.min(b, k.range[1]);
    out.push({ range: [Math.max(at, k.range[0]), end], label: k.label });
    at = end + 1;
    if (at > b) return out;
  }
  if (at <= b) out.push({ range: [at, b], label: 'deleted' });
  return out;
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
    retentionRemoved: 0,
    auditChains: 0,
    auditEntries: 0,
    checkpoints: 0,
    findings: [],
  };
  // Every device that has a chain row, stored records, or signed heads: a missing chain row must
  // not hide its records.
  const { rows: chains } = await pool.query<{
    deviceId: string;
    municipalityId: string;
    hasChain: boolean;
    lastSequence: number | null;
    lastHash: Buffer | null;
    stored: number | null;
    jwk: PublicJwk | null;
    lockDigitalKey: string | null;
  }>(
    `WITH ids AS (
       SELECT device_id, municipality_id FROM device_chain WHERE $1::uuid IS NULL OR municipality_id = $1
       UNION SELECT device_id, municipality_id FROM device_chain_head WHERE $1::uuid IS NULL OR municipality_id = $1
       UNION SELECT device_id, municipality_id FROM device_event_all WHERE $1::uuid IS NULL OR municipality_id = $1
         GROUP BY device_id, municipality_id)
     SELECT DISTINCT ON (i.device_id) i.device_id AS "deviceId", coalesce(c.municipality_id, i.municipality_id)
         AS "municipalityId", c.device_id IS NOT NULL AS "hasChain", c.last_sequence AS "lastSequence",
       c.last_hash AS "lastHash", c.stored_records AS stored, e.public_jwk AS jwk, e.digital_key_id AS "lockDigitalKey"
     FROM ids i LEFT JOIN device_chain c ON c.device_id = i.device_id LEFT JOIN device_enrolment e ON e.municipality_id = i.municipality_id AND e.id = i.device_id
     ORDER BY i.device_id, c.device_id IS NULL`,
    [options.municipalityId ?? null],
  );
  const retiredKeys = new Map<string, RetiredKey[]>();
  for (const key of await listRetiredEnrolmentKeys(pool, options.municipalityId ?? null))
    retiredKeys.set(key.enrolmentId, [...(retiredKeys.get(key.enrolmentId) ?? []), key]);
  const total = chains.reduce((n, c) => n + Number(c.stored ?? 0), 0);
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
    let present = 0;
    let firstPresent: number | undefined;
    const missing: Range[] = [];
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
        present++;
        firstPresent ??= sequence;
        if (previous && previous.sequence < sequence - 1) missing.push([previous.sequence + 1, sequence - 1]);
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
        previous = { sequence, hash };
      }
      options.onProgress?.(done, total);
    }
    if (
      chain.lastHash &&
      previous &&
      previous.sequence === Number(chain.lastSequence) &&
      !previous.hash.equals(chain.lastHash)
    )
      find(
        'broken_chain',
        previous.sequence,
        `newest record ${previous.sequence} differs from the chain's last hash`,
      );
    // Every stored head: signature by the key the device held when it signed it (the enrolment's
    // key now, or a key it held before a re-enrolment), and the record it names still hashes to it.
    const retired = retiredKeys.get(chain.deviceId) ?? [];
    const { rows: heads } = await pool.query<{ sequence: number; hash: Buffer; head: Buffer }>(
      'SELECT sequence, hash, head FROM device_chain_head WHERE municipality_id = $1 AND device_id = $2 ORDER BY id',
      [chain.municipalityId, chain.deviceId],
    );
    const { rows: knownRows } = await pool.query<{ first: number; last: number; label: 'gap' | 'retention' }>(
      `SELECT first_sequence AS first, last_sequence AS last, 'gap' AS label FROM device_gap
         WHERE municipality_id = $1 AND device_id = $2
       UNION ALL SELECT first_sequence, last_sequence, 'retention' FROM device_retention_cut
         WHERE municipality_id = $1 AND device_id = $2
       ORDER BY first`,
      [chain.municipalityId, chain.deviceId],
    );
    const known = knownRows.map((k) => ({
      range: [Number(k.first), Number(k.last)] as Range,
      label: k.label,
    }));
    const removedByRetention = known
      .filter((k) => k.label === 'retention')
      .reduce((n, k) => n + k.range[1] - k.range[0] + 1, 0);
    result.retentionRemoved += removedByRetention;
    // The tail is bounded by the chain row and by the newest signed head, whichever is newer.
    const newest = Math.max(Number(chain.lastSequence ?? 0), ...heads.map((h) => Number(h.sequence)));
    const lastPresent = previous?.sequence ?? 0;
    if (firstPresent === undefined) {
      if (newest > 0) missing.push([1, newest]);
    } else {
      if (firstPresent > 1) missing.unshift([1, firstPresent - 1]);
      if (newest > lastPresent) missing.push([lastPresent + 1, newest]);
    }
    const deleted: Range[] = [];
    for (const [a, b] of missing) {
      for (const part of classifyMissing(a, b, known)) {
        const [x, y] = part.range;
        if (part.label === 'gap') find('gap', x, `records ${x}..${y} missing (never received)`);
        else if (part.label === 'deleted') {
          deleted.push(part.range);
          find(
            'missing_record',
            x,
            `records ${x}..${y} are missing: stored once, not removed by retention (deleted)`,
          );
        }
      }
    }
    if (!chain.hasChain)
      find(
        'missing_chain',
        null,
        `${present} stored records and ${heads.length} signed heads but no chain row (removed): its records were never checked against it`,
      );
    else if (present + removedByRetention < Number(chain.stored) && deleted.length === 0)
      find(
        'missing_record',
        null,
        `${chain.stored} records were stored, ${present} are there and ${removedByRetention} were removed by retention`,
      );
    const isDeleted = (sequence: number) => deleted.some(([a, b]) => sequence >= a && sequence <= b);
    for (const head of heads) {
      result.heads++;
      try {
        const jwk = keyForSequence<PublicJwk | null>(retired, chain.jwk, Number(head.sequence));
        if (!jwk) throw new Error('device key unknown');
        await verifyChainHead(new Uint8Array(head.head), await importPublicJwk(jwk));
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
      if (!stored && isDeleted(Number(head.sequence)))
        find(
          'missing_record',
          Number(head.sequence),
          `record ${head.sequence}, named by a signed chain head, is missing`,
        );
    }
  }
  await verifyHeadLedgers(pool, options.municipalityId, result);
  const audit = await verifyAuditTrail(pool, options.municipalityId);
  result.auditChains = audit.chains;
  result.auditEntries = audit.entries;
  result.checkpoints = audit.checkpoints;
  for (const f of audit.findings)
    result.findings.push({
      kind: 'audit_trail',
      municipalityId: f.municipalityId,
      deviceId: null,
      sequence: null,
      message: f.message,
    });
  await verifySignedLedgerEnds(pool, audit.signedHeads, result);
  if (options.isRecording !== false) {
    const toRecord: EventFindingInput[] = result.findings
      .filter(
        (f): f is VerifyLogFinding & { municipalityId: string } =>
          f.kind !== 'gap' && f.municipalityId !== null,
      )
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

const genesis = Buffer.alloc(32);

/**
 * Each municipality's head ledger: every accepted signed chain head, in insert order, each
 * chained to the one before. A hole is a head removed (with the records it vouched for, maybe a
 * device's whole history); the walk must end where `head_ledger` says.
 */
async function verifyHeadLedgers(
  pool: pg.Pool,
  municipalityId: string | undefined,
  result: VerifyLogResult,
): Promise<void> {
  const { rows: ledgers } = await pool.query<{ m: string; seq: number | null; hash: Buffer | null }>(
    `SELECT x.m, l.last_seq AS seq, l.last_hash AS hash FROM (
       SELECT municipality_id AS m FROM head_ledger WHERE $1::uuid IS NULL OR municipality_id = $1
       UNION SELECT municipality_id FROM device_chain_head WHERE $1::uuid IS NULL OR municipality_id = $1) x
     LEFT JOIN head_ledger l ON l.municipality_id = x.m WHERE $1::uuid IS NULL OR x.m = $1 ORDER BY x.m`,
    [municipalityId ?? null],
  );
  for (const ledger of ledgers) {
    const find = (message: string) =>
      result.findings.push({
        kind: 'head_ledger',
        municipalityId: ledger.m,
        deviceId: null,
        sequence: null,
        message: `head ledger ${ledger.m}: ${message}`,
      });
    let previous: Buffer = genesis;
    let expected = 1;
    for (;;) {
      const { rows } = await pool.query<{
        seq: number | null;
        hash: Buffer | null;
        deviceId: string;
        head: Buffer;
      }>(
        `SELECT ledger_seq AS seq, ledger_hash AS hash, device_id AS "deviceId", head FROM device_chain_head
         WHERE municipality_id = $1 AND ledger_seq >= $2 ORDER BY ledger_seq LIMIT 5000`,
        [ledger.m, expected],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq !== expected) {
          find(
            `signed chain heads ${expected}..${seq - 1} are missing (removed with the records they vouched for?)`,
          );
          previous = row.hash ?? genesis;
        } else {
          const hash = createHash('sha256')
            .update(previous)
            .update(sha256(Buffer.concat([Buffer.from(row.deviceId, 'utf8'), row.head])))
            .digest();
          if (!row.hash || !hash.equals(row.hash)) find(`head ${seq} (device ${row.deviceId}) was altered`);
          previous = row.hash ?? hash;
        }
        expected = seq + 1;
      }
    }
    const end = Number(ledger.seq ?? 0);
    if (ledger.seq === null) find('the ledger row is missing');
    else if (end > expected - 1) find(`the newest signed chain heads ${expected}..${end} are missing`);
    else if (end < expected - 1) find(`heads beyond the ledger's end (${end}) exist`);
    else if (end > 0 && ledger.hash && !previous.equals(ledger.hash))
      find("the newest head no longer matches the ledger's end");
  }
}

/** Every head-ledger position a checkpoint signed must still carry the signed hash. */
async function verifySignedLedgerEnds(
  pool: pg.Pool,
  signed: Map<string, Map<number, Buffer>>,
  result: VerifyLogResult,
): Promise<void> {
  for (const [m, positions] of signed) {
    if (positions.size === 0) continue;
    const { rows } = await pool.query<{ seq: number; hash: Buffer }>(
      `SELECT ledger_seq AS seq, ledger_hash AS hash FROM device_chain_head
       WHERE municipality_id = $1 AND ledger_seq = ANY($2::bigint[])`,
      [m, [...positions.keys()]],
    );
    const now = new Map(rows.map((r) => [Number(r.seq), r.hash]));
    for (const [seq, hash] of positions) {
      if (!now.get(seq)?.equals(hash))
        result.findings.push({
          kind: 'head_ledger',
          municipalityId: m,
          deviceId: null,
          sequence: null,
          message: `head ledger ${m}: signed chain heads up to ${seq} no longer match their signed checkpoint`,
        });
    }
  }
}
