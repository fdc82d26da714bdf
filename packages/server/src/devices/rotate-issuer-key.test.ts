// Rotating the issuer key and its audit entry are kept or dropped together: a rotation no one can
// trace in the audit trail must not happen. Over real HTTP on real PostgreSQL, the audit insert
// refused by a trigger.
import { failAuditEntries } from '@portvakt/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestMunicipality } from '../platform/world.testing';

let server: TestServer;
let admin: ApiClient;

beforeAll(async () => {
  ({ server, admin } = await startTestMunicipality());
});
afterAll(async () => server?.close());

const listKeys = async () => (await admin.get('/api/v1/issuer-keys')).body.items as Array<{ kid: string }>;
const findRotations = async () =>
  (
    await server.db.pool.query<{ entity_id: string }>(
      "SELECT entity_id FROM audit_entry WHERE action = 'rotate' AND entity = 'issuer_key' ORDER BY id",
    )
  ).rows.map((row) => row.entity_id);

describe('rotating the issuer key', () => {
  it('changes no key when its audit entry cannot be written', async () => {
    const before = await listKeys();
    expect(before).toHaveLength(1);
    const restore = await failAuditEntries(server.db.superuser, 'rotate');
    let status: number;
    try {
      status = (await admin.post('/api/v1/issuer-keys/rotate')).status;
    } finally {
      await restore();
    }
    expect(status).toBe(500);
    expect(await listKeys()).toEqual(before);
    expect(await findRotations()).toEqual([]);
  });

  it('records the new key in the audit trail with the rotation', async () => {
    const [old] = await listKeys();
    const response = await admin.post('/api/v1/issuer-keys/rotate');
    expect(response.status).toBe(201);
    expect(response.body.kid).not.toBe(old!.kid);
    expect((await listKeys()).map((key) => key.kid)).toContain(response.body.kid);
    expect(await findRotations()).toEqual([response.body.kid]);
  });
});
