// Signed checkpoints over the append-only audit trail and the head ledger (docs/event-log.md
// "verify-log and audit checkpoints"). Entries and heads are chained at insert (migration 0008),
// so a checkpoint only signs where each chain ends now — the audit chain's position and hash and
// the head ledger's — with the municipality's issuer key (ES256, the key's kid stored beside it).
// `portvakt verify-log` then proves neither chain was altered or shortened up to that point.
import { signEs256 } from '@portvakt/protocol';
import { auditCheckpointPayload } from '@portvakt/storage';
import type pg from 'pg';
import type { IssuerKeyStore } from '../devices/issuer-keys';

/** Writes a checkpoint for every municipality whose audit chain or head ledger moved since its last one. */
export async function createAuditCheckpoints(pool: pg.Pool, keys: IssuerKeyStore): Promise<number> {
  const { rows } = await pool.query<{
    municipalityId: string;
    entryId: number | null;
    entryCount: number | null;
    chainHash: Buffer | null;
    headSeq: number | null;
    headHash: Buffer | null;
  }>(
    `SELECT m.id AS "municipalityId", a.last_entry_id AS "entryId", a.last_seq AS "entryCount", a.last_hash AS "chainHash",
       l.last_seq AS "headSeq", l.last_hash AS "headHash"
     FROM municipality m
     LEFT JOIN audit_chain a ON a.scope = m.id::text
     LEFT JOIN head_ledger l ON l.municipality_id = m.id
     WHERE coalesce(a.last_seq, 0) + coalesce(l.last_seq, 0) > 0
       AND NOT EXISTS (SELECT 1 FROM audit_checkpoint c WHERE c.municipality_id = m.id
         AND c.entry_count = coalesce(a.last_seq, 0) AND c.head_seq = coalesce(l.last_seq, 0))`,
  );
  let created = 0;
  for (const row of rows) {
    const issuer = await keys.getActive(row.municipalityId);
    const checkpoint = {
      municipalityId: row.municipalityId,
      upToEntryId: Number(row.entryId ?? 0),
      entryCount: Number(row.entryCount ?? 0),
      chainHash: row.chainHash ?? Buffer.alloc(32),
      headSeq: Number(row.headSeq ?? 0),
      headHash: row.headHash ?? Buffer.alloc(32),
    };
    const payload = auditCheckpointPayload(checkpoint);
    const signature = await signEs256(issuer.privateKey, payload);
    await pool.query(
      `INSERT INTO audit_checkpoint (municipality_id, up_to_entry_id, entry_count, chain_hash, payload, signature, kid,
         head_seq, head_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        checkpoint.municipalityId,
        checkpoint.upToEntryId,
        checkpoint.entryCount,
        checkpoint.chainHash,
        payload,
        Buffer.from(signature),
        Buffer.from(issuer.kid),
        checkpoint.headSeq,
        checkpoint.headHash,
      ],
    );
    created++;
  }
  return created;
}
