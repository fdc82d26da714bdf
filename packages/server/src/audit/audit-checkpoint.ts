// Signed checkpoints over the append-only audit trail and the head ledger (docs/event-log.md
// "verify-log and audit checkpoints"). Entries and heads are chained at insert (migration 0008),
// so a checkpoint only signs where each chain ends now — the audit chain's position and hash and
// the head ledger's — with the municipality's issuer key (ES256, the key's kid stored beside it).
// `portvakt verify-log` then proves neither chain was altered or shortened up to that point.
import { signEs256 } from '@portvakt/protocol';
import {
  auditCheckpointPayload,
  insertAuditCheckpoint,
  listUncheckpointedChainEnds,
} from '@portvakt/storage';
import type pg from 'pg';

/** The municipality's active issuer key (devices' IssuerKeyStore): what signs a checkpoint. */
export interface CheckpointSigner {
  getActive(municipalityId: string): Promise<{ privateKey: CryptoKey; kid: Uint8Array }>;
}

/** Writes a checkpoint for every municipality whose audit chain or head ledger moved since its last one. */
export async function createAuditCheckpoints(pool: pg.Pool, keys: CheckpointSigner): Promise<number> {
  const due = await listUncheckpointedChainEnds(pool);
  for (const ends of due) {
    const issuer = await keys.getActive(ends.municipalityId);
    const payload = auditCheckpointPayload(ends);
    const signature = await signEs256(issuer.privateKey, payload);
    await insertAuditCheckpoint(pool, { ...ends, payload, signature, kid: issuer.kid });
  }
  return due.length;
}
