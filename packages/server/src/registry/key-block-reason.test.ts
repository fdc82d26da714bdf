// A key is blocked or reported lost with a reason (R1.6, core `checkKeyStatusReason`): the generic
// PATCH of a key is refused 422 `reason_required` on `statusReason` without one, and nothing
// changes (no status, no block-list entry, no audit entry); with one it blocks as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countEveryTable } from '@portvakt/storage/testing';
import { startTestWorld, type TestWorld } from '../platform/world.testing';

const now = new Date('2026-03-10T09:00:00Z');
let tw: TestWorld;

beforeAll(async () => {
  tw = await startTestWorld({ now: () => now });
}, 120_000);

afterAll(async () => tw?.server.close());

async function newKey(): Promise<string> {
  const created = await tw.admin.post('/api/v1/keys', {
    providerId: tw.world.provider.a,
    kind: 'hardware_key',
    serial: `HK-REASON-${Math.random().toString(36).slice(2, 8)}`,
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

describe('blocking a key through PATCH /keys/{id}', () => {
  it('is refused without a reason, changing nothing', async () => {
    const keyId = await newKey();
    const before = await countEveryTable(tw.server.db.pool);
    for (const change of [
      { status: 'lost' },
      { status: 'blocked', statusReason: null },
      { status: 'blocked', statusReason: 'x' },
    ]) {
      const refused = await tw.admin.patch(`/api/v1/keys/${keyId}`, change);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('reason_required');
      expect(refused.body.message).toMatch(/Block the key/);
      expect(refused.body.details).toMatchObject([{ field: 'statusReason', code: 'reason_required' }]);
    }
    expect(await countEveryTable(tw.server.db.pool)).toEqual(before);
    expect((await tw.admin.get(`/api/v1/keys/${keyId}`)).body.status).toBe('active');
  });

  it('is refused on a new key registered as lost without a reason', async () => {
    const refused = await tw.admin.post('/api/v1/keys', {
      providerId: tw.world.provider.a,
      kind: 'hardware_key',
      serial: 'HK-REASON-NEW',
      status: 'lost',
    });
    expect([refused.status, refused.body.code]).toEqual([422, 'reason_required']);
  });

  it('blocks with a reason, which the block list keeps', async () => {
    const keyId = await newKey();
    const blocked = await tw.admin.patch(`/api/v1/keys/${keyId}`, {
      status: 'lost',
      statusReason: 'Tappad på bussen',
    });
    expect(blocked.status).toBe(200);
    const { rows } = await tw.server.db.pool.query(
      'SELECT reason FROM block_list_entry WHERE digital_key_id = $1',
      [keyId],
    );
    expect(rows).toEqual([{ reason: 'Tappad på bussen' }]);
  });
});
