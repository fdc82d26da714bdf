import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import {
  listenForLiveNotices,
  notifyLiveNotice,
  parseLiveNotice,
  type LiveNotice,
} from './live-notice.repository';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => testDb.drop());

describe('live notices over LISTEN/NOTIFY', () => {
  it('reach a listener on another connection after the notifying transaction, split under the payload limit', async () => {
    const received: LiveNotice[] = [];
    const listener = await listenForLiveNotices(
      testDb.pool,
      (notice) => received.push(notice),
      () => undefined,
    );
    try {
      const batches = Array.from({ length: 170 }, (_, index) => ({
        deviceId: randomUUID(),
        first: index + 1,
        last: index + 3,
      }));
      const notice = { municipalityId: randomUUID(), at: Date.parse('2026-03-03T07:00:00Z'), batches };
      // Inside a transaction that rolls back, nothing is delivered.
      const client = await testDb.pool.connect();
      try {
        await client.query('BEGIN');
        await notifyLiveNotice(client, { ...notice, batches: batches.slice(0, 1) });
        await client.query('ROLLBACK');
      } finally {
        client.release();
      }
      await notifyLiveNotice(testDb.pool, notice);
      await expect.poll(() => received.length).toBe(3);
      expect(received.map((n) => n.batches.length)).toEqual([80, 80, 10]);
      expect(received.flatMap((n) => n.batches)).toEqual(batches);
      expect(received.every((n) => n.municipalityId === notice.municipalityId && n.at === notice.at)).toBe(
        true,
      );
    } finally {
      await listener.close();
    }
  });

  it('reads only well-formed payloads', () => {
    expect(parseLiveNotice(undefined)).toBeUndefined();
    expect(parseLiveNotice('not json')).toBeUndefined();
    expect(parseLiveNotice('{"m":1,"at":2,"b":[]}')).toBeUndefined();
    expect(parseLiveNotice('{"m":"x","at":2,"b":[["d",1,2],["e","1",2]]}')).toEqual({
      municipalityId: 'x',
      at: 2,
      batches: [{ deviceId: 'd', first: 1, last: 2 }],
    });
  });
});
