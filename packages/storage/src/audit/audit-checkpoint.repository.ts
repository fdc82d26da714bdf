import type { Queryable } from '../platform/queryable';

/** Where a municipality's audit chain and head ledger end now (zeros when a chain is empty). */
export interface ChainEnds {
  municipalityId: string;
  upToEntryId: number;
  entryCount: number;
  chainHash: Buffer;
  headSeq: number;
  headHash: Buffer;
}

/** The chain ends of every municipality whose audit chain or head ledger moved since its last checkpoint. */
export async function listUncheckpointedChainEnds(db: Queryable): Promise<ChainEnds[]> {
  const { rows } = await db.query<{
    municipalityId: string;
    entryId: string | number | null;
    entryCount: string | number | null;
    chainHash: Buffer | null;
    headSeq: string | number | null;
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
  return rows.map((row) => ({
    municipalityId: row.municipalityId,
    upToEntryId: Number(row.entryId ?? 0),
    entryCount: Number(row.entryCount ?? 0),
    chainHash: row.chainHash ?? Buffer.alloc(32),
    headSeq: Number(row.headSeq ?? 0),
    headHash: row.headHash ?? Buffer.alloc(32),
  }));
}

/** Stores a signed checkpoint over `ends`: the payload signed, the signature and the signing key's kid. */
export async function insertAuditCheckpoint(
  db: Queryable,
  checkpoint: ChainEnds & { payload: Buffer; signature: Uint8Array; kid: Uint8Array },
): Promise<void> {
  await db.query(
    `INSERT INTO audit_checkpoint (municipality_id, up_to_entry_id, entry_count, chain_hash, payload, signature, kid,
       head_seq, head_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      checkpoint.municipalityId,
      checkpoint.upToEntryId,
      checkpoint.entryCount,
      checkpoint.chainHash,
      checkpoint.payload,
      Buffer.from(checkpoint.signature),
      Buffer.from(checkpoint.kid),
      checkpoint.headSeq,
      checkpoint.headHash,
    ],
  );
}
