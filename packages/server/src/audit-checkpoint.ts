// Signed checkpoints over the append-only audit trail (docs/event-log.md "Audit checkpoints"):
// per municipality, a hash chain over its audit entries in id order, signed with the
// municipality's issuer key (ES256, the key's kid stored beside it), so `portvakt verify-log`
// can prove the trail was neither altered nor shortened up to each checkpoint.
import { signEs256 } from '@portvakt/protocol';
import { auditCheckpointPayload, walkAuditChain } from '@portvakt/storage';
import type pg from 'pg';
import type { IssuerKeyStore } from './issuer-keys';

/** Writes a checkpoint for every municipality whose trail grew since its last one. */
export async function createAuditCheckpoints(pool: pg.Pool, keys: IssuerKeyStore): Promise<number> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT m.id FROM municipality m
     WHERE EXISTS (SELECT 1 FROM audit_entry a WHERE a.municipality_id = m.id AND a.id >
       coalesce((SELECT max(up_to_entry_id) FROM audit_checkpoint c WHERE c.municipality_id = m.id), 0))`,
  );
  let created = 0;
  for (const { id: municipalityId } of rows) {
    const chain = await walkAuditChain(pool, municipalityId, null, () => undefined);
    if (chain.count === 0) continue;
    const issuer = await keys.getActive(municipalityId);
    const payload = auditCheckpointPayload({
      municipalityId,
      upToEntryId: chain.lastId,
      entryCount: chain.count,
      chainHash: chain.chainHash,
    });
    const signature = await signEs256(issuer.privateKey, payload);
    const result = await pool.query(
      `INSERT INTO audit_checkpoint (municipality_id, up_to_entry_id, entry_count, chain_hash, payload, signature, kid)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (municipality_id, up_to_entry_id) DO NOTHING`,
      [
        municipalityId,
        chain.lastId,
        chain.count,
        chain.chainHash,
        payload,
        Buffer.from(signature),
        Buffer.from(issuer.kid),
      ],
    );
    created += result.rowCount ?? 0;
  }
  return created;
}
