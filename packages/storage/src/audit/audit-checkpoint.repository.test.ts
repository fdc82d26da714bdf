import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAuditCheckpoint, listUncheckpointedChainEnds } from './audit-checkpoint.repository';
import { appendAudit } from './audit.repository';
import { auditCheckpointPayload } from './audit-verify';
import { insertMunicipality } from '../registry/municipality.repository';
import { createTestDatabase, type TestDatabase } from '../platform/testing';

let testDb: TestDatabase;
let municipalityId: string;
let quietMunicipalityId: string;
beforeAll(async () => {
  testDb = await createTestDatabase();
  municipalityId = await insertMunicipality(testDb.pool, { code: '0183', name: 'Sundbyberg' });
  quietMunicipalityId = await insertMunicipality(testDb.pool, { code: '0184', name: 'Solna' });
});
afterAll(async () => testDb.drop());

const append = (n: number) =>
  appendAudit(testDb.pool, {
    municipalityId,
    actorLabel: 'test',
    action: 'create',
    entity: 'district',
    after: { n },
  });

describe('audit checkpoints', () => {
  it('lists where a moved chain ends, and no longer once a checkpoint covers it', async () => {
    await append(1);
    await append(2);
    const due = await listUncheckpointedChainEnds(testDb.pool);
    const ends = due.find((row) => row.municipalityId === municipalityId)!;
    expect(ends).toMatchObject({ entryCount: 2, headSeq: 0 });
    expect(ends.chainHash).toHaveLength(32);
    expect(ends.headHash).toEqual(Buffer.alloc(32));
    // A municipality with nothing written has nothing to sign.
    expect(due.map((row) => row.municipalityId)).not.toContain(quietMunicipalityId);

    await insertAuditCheckpoint(testDb.pool, {
      ...ends,
      payload: auditCheckpointPayload(ends),
      signature: new Uint8Array(64),
      kid: new Uint8Array(8),
    });
    expect((await listUncheckpointedChainEnds(testDb.pool)).map((row) => row.municipalityId)).not.toContain(
      municipalityId,
    );
    await append(3);
    const moved = (await listUncheckpointedChainEnds(testDb.pool)).find(
      (row) => row.municipalityId === municipalityId,
    );
    expect(moved?.entryCount).toBe(3);
  });
});
