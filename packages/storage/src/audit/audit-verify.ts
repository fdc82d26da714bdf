// The audit trail's half of verify-log (docs/event-log.md "verify-log and audit checkpoints"):
// every chain (one per municipality, 'global' for entries without one) is walked in chain order
// — commit order, kept by the chain row lock at insert — from the last retention cut, each entry's
// bytes are rebuilt here from its columns and its chain hash recomputed, positions must be
// contiguous, the walk must end where `audit_chain` says, and every signed checkpoint must
// verify and match the chain at its position. Checkpoints also sign the head ledger's end, which
// `verifyHeadLedger` (event-verify.ts) checks.
import { createHash } from 'node:crypto';
import { importPublicJwk, verifyEs256, type PublicJwk } from '@portvakt/protocol';
import type pg from 'pg';
import type { ChainEnds } from './audit-checkpoint.repository';

export interface AuditTrailFinding {
  municipalityId: string | null;
  message: string;
}

export interface AuditVerifyResult {
  chains: number;
  entries: number;
  checkpoints: number;
  /** Checkpoints over the head ledger, per municipality: position → signed hash. */
  signedHeads: Map<string, Map<number, Buffer>>;
  findings: AuditTrailFinding[];
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

export const auditGenesis = Buffer.alloc(32);

/** Chain step: SHA-256(previous chain hash ‖ SHA-256(entry bytes)). */
export function nextAuditChainHash(previous: Buffer, entry: Buffer): Buffer {
  return createHash('sha256').update(previous).update(sha256(entry)).digest();
}

const field = (v: string | null) => (v === null ? 'N;' : `S${Buffer.byteLength(v)}:${v};`);

/** The audit columns as text, in the order `audit_entry_bytes` (migration 0008) hashes them. */
export const auditEntryTextColumns = `id::text AS id, municipality_id::text AS municipality_id,
  ((extract(epoch FROM occurred_at) * 1000000)::bigint)::text AS occurred_micros, actor_user_id::text AS actor_user_id,
  actor_token_id::text AS actor_token_id, actor_label, actor_role, action, entity, entity_id, before::text AS before_text,
  after::text AS after_text, request_id, source, chain_seq::text AS chain_seq_text`;

/** One entry's bytes, rebuilt from its columns (must equal SQL `audit_entry_bytes`). */
export function auditEntryBytes(row: Record<string, string | null>): Buffer {
  const names = [
    'id',
    'municipality_id',
    'occurred_micros',
    'actor_user_id',
    'actor_token_id',
    'actor_label',
    'actor_role',
    'action',
    'entity',
    'entity_id',
    'before_text',
    'after_text',
    'request_id',
    'source',
    'chain_seq_text',
  ];
  return Buffer.from(`v2;${names.map((n) => field(row[n] ?? null)).join('')}`, 'utf8');
}

/** The payload a checkpoint signs: the audit chain's end and the head ledger's end. */
export function auditCheckpointPayload(c: ChainEnds): Buffer {
  return Buffer.from(
    JSON.stringify({
      v: 2,
      municipalityId: c.municipalityId,
      upToEntryId: c.upToEntryId,
      entryCount: c.entryCount,
      chainHash: c.chainHash.toString('hex'),
      headSeq: c.headSeq,
      headHash: c.headHash.toString('hex'),
    }),
  );
}

/** Payload of checkpoints written before 0008 (id-order chain of JSON bytes, no ledger). */
function legacyPayload(c: {
  municipalityId: string;
  upTo: number;
  count: number;
  chainHash: Buffer;
}): Buffer {
  return Buffer.from(
    JSON.stringify({
      v: 1,
      municipalityId: c.municipalityId,
      upToEntryId: c.upTo,
      entryCount: c.count,
      chainHash: c.chainHash.toString('hex'),
    }),
  );
}

function legacyEntryBytes(row: Record<string, unknown>): Buffer {
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

/** The legacy (v1) chain up to entry `upTo` in id order: what checkpoints before 0008 signed. */
async function legacyChainAt(
  pool: Pick<pg.Pool, 'query'>,
  municipalityId: string,
  upTo: number,
): Promise<{ hash: Buffer; count: number }> {
  let hash: Buffer = auditGenesis;
  let count = 0;
  let lastId = 0;
  for (;;) {
    const { rows } = await pool.query<Record<string, unknown>>(
      `SELECT id, municipality_id, occurred_at, actor_user_id, actor_token_id, actor_label, actor_role, action, entity,
         entity_id, before::text AS before_text, after::text AS after_text, request_id, source
       FROM audit_entry WHERE municipality_id = $1 AND id > $2 AND id <= $3 ORDER BY id LIMIT 5000`,
      [municipalityId, lastId, upTo],
    );
    if (rows.length === 0) return { hash, count };
    for (const row of rows) {
      hash = nextAuditChainHash(hash, legacyEntryBytes(row));
      count++;
      lastId = Number(row.id);
    }
  }
}

interface CheckpointRow {
  upTo: number;
  count: number;
  chainHash: Buffer;
  headSeq: number | null;
  headHash: Buffer | null;
  payload: Buffer;
  signature: Buffer;
  jwk: PublicJwk | null;
}

/** Verifies every audit chain (optionally one municipality's) and its signed checkpoints. */
export async function verifyAuditTrail(
  pool: Pick<pg.Pool, 'query'>,
  municipalityId: string | undefined,
): Promise<AuditVerifyResult> {
  const result: AuditVerifyResult = {
    chains: 0,
    entries: 0,
    checkpoints: 0,
    signedHeads: new Map(),
    findings: [],
  };
  // Every chain that exists or should: chain rows, municipalities with entries or checkpoints.
  const { rows: scopes } = await pool.query<{ scope: string; municipalityId: string | null }>(
    `SELECT scope, m AS "municipalityId" FROM (
       SELECT scope, municipality_id AS m FROM audit_chain
       UNION SELECT coalesce(municipality_id::text, 'global'), municipality_id FROM audit_entry GROUP BY municipality_id
       UNION SELECT municipality_id::text, municipality_id FROM audit_checkpoint
         WHERE $1::uuid IS NULL OR municipality_id = $1
       UNION SELECT municipality_id::text, municipality_id FROM audit_retention_cut
         WHERE $1::uuid IS NULL OR municipality_id = $1) s
     WHERE $1::uuid IS NULL OR m = $1 ORDER BY scope`,
    [municipalityId ?? null],
  );
  for (const { scope, municipalityId: m } of scopes) {
    result.chains++;
    const find = (message: string) =>
      result.findings.push({
        municipalityId: m,
        message: `audit trail ${m ?? '(no municipality)'}: ${message}`,
      });
    const { rows: cuts } = await pool.query<{ upTo: number; hash: Buffer }>(
      `SELECT up_to_seq AS "upTo", chain_hash AS hash FROM audit_retention_cut WHERE municipality_id = $1
       ORDER BY up_to_seq DESC LIMIT 1`,
      [m],
    );
    const cut = cuts[0] ? { seq: Number(cuts[0].upTo), hash: cuts[0].hash } : { seq: 0, hash: auditGenesis };
    const { rows: checkpoints } =
      m === null
        ? { rows: [] as CheckpointRow[] }
        : await pool.query<CheckpointRow>(
            `SELECT c.up_to_entry_id AS "upTo", c.entry_count AS count, c.chain_hash AS "chainHash",
               c.head_seq AS "headSeq", c.head_hash AS "headHash", c.payload, c.signature, k.public_jwk AS jwk
             FROM audit_checkpoint c LEFT JOIN issuer_key k
               ON k.municipality_id = c.municipality_id AND k.kid = c.kid
             WHERE c.municipality_id = $1 ORDER BY c.id`,
            [m],
          );
    const wanted = new Set(checkpoints.map((c) => Number(c.count)));
    const at = new Map<number, Buffer>();
    let previous = cut.hash;
    let expected = cut.seq + 1;
    let after = cut.seq;
    for (;;) {
      const { rows } = await pool.query<Record<string, string | null> & { chain_hash: Buffer | null }>(
        `SELECT ${auditEntryTextColumns}, chain_hash FROM audit_entry
         WHERE municipality_id IS NOT DISTINCT FROM $1 AND chain_seq > $2 ORDER BY chain_seq LIMIT 5000`,
        [m, after],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const seq = Number(row.chain_seq_text);
        after = seq;
        result.entries++;
        if (seq !== expected) {
          find(`entries at chain positions ${expected}..${seq - 1} are missing (removed outside retention)`);
          previous = row.chain_hash ?? auditGenesis;
        } else {
          const hash = nextAuditChainHash(previous, auditEntryBytes(row));
          if (!row.chain_hash || !hash.equals(row.chain_hash))
            find(`entry ${row.id} (position ${seq}) was altered, or does not follow its predecessor`);
          previous = row.chain_hash ?? hash;
        }
        if (wanted.has(seq)) at.set(seq, previous);
        expected = seq + 1;
      }
    }
    const { rows: unchained } = await pool.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM audit_entry WHERE municipality_id IS NOT DISTINCT FROM $1
       AND (chain_seq IS NULL OR chain_seq <= $2)`,
      [m, cut.seq],
    );
    if (unchained[0]!.n > 0) find(`${unchained[0]!.n} entries are outside the chain (inserted around it)`);
    const { rows: ends } = await pool.query<{ seq: number; hash: Buffer }>(
      'SELECT last_seq AS seq, last_hash AS hash FROM audit_chain WHERE scope = $1',
      [scope],
    );
    const end = ends[0];
    if (!end) {
      if (after > 0) find('the chain row is missing');
    } else if (Number(end.seq) > cut.seq && Number(end.seq) !== expected - 1) {
      find(
        Number(end.seq) > expected - 1
          ? `the newest entries (positions ${expected}..${end.seq}) are missing`
          : `entries beyond the chain's end (position ${end.seq}) exist`,
      );
    } else if (Number(end.seq) > cut.seq && !previous.equals(end.hash)) {
      find(`the newest entry no longer matches the chain's end`);
    }
    // Signed checkpoints.
    const heads = new Map<number, Buffer>();
    for (const c of checkpoints) {
      result.checkpoints++;
      const isLegacy = c.headSeq === null;
      const payload = isLegacy
        ? legacyPayload({
            municipalityId: m!,
            upTo: Number(c.upTo),
            count: Number(c.count),
            chainHash: c.chainHash,
          })
        : auditCheckpointPayload({
            municipalityId: m!,
            upToEntryId: Number(c.upTo),
            entryCount: Number(c.count),
            chainHash: c.chainHash,
            headSeq: Number(c.headSeq),
            headHash: c.headHash!,
          });
      const key = c.jwk ? await importPublicJwk(c.jwk) : undefined;
      if (
        !key ||
        !payload.equals(c.payload) ||
        !(await verifyEs256(key, new Uint8Array(c.signature), payload))
      ) {
        find(`checkpoint at entry ${c.upTo}: signature invalid`);
        continue;
      }
      if (isLegacy) {
        // Written before entries were chained at insert; checkable while nothing was cut.
        if (cut.seq > 0) continue;
        const legacy = await legacyChainAt(pool, m!, Number(c.upTo));
        if (legacy.count !== Number(c.count) || !legacy.hash.equals(c.chainHash))
          find(`the trail up to entry ${c.upTo} no longer matches its signed checkpoint`);
        continue;
      }
      if (Number(c.headSeq) > 0) heads.set(Number(c.headSeq), c.headHash!);
      const count = Number(c.count);
      if (count < cut.seq || count === 0) continue;
      const hash = count === cut.seq ? cut.hash : at.get(count);
      if (!hash || !hash.equals(c.chainHash))
        find(
          `the trail up to position ${count} no longer matches its signed checkpoint (altered or removed entries)`,
        );
    }
    if (m !== null) result.signedHeads.set(m, heads);
  }
  return result;
}
