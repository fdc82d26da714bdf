import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../platform/transaction';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import {
  CopyBinaryWriter,
  ensureEventPartitions,
  listEventPartitions,
  openEventCopy,
  writeDeviceEventRow,
} from './event-log.repository';
import { createEventWorld, lockRecord, storeEvents, type EventWorld } from './events.testing';

let testDb: TestDatabase;
let world: EventWorld;
beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
});
afterAll(async () => testDb.drop());

const storedSequences = async () =>
  (
    await testDb.pool.query<{ sequence: number }>(
      'SELECT sequence FROM device_event WHERE device_id = $1 ORDER BY sequence',
      [world.lockDeviceId],
    )
  ).rows.map((row) => row.sequence);

describe('device records', () => {
  it('creates month partitions once and lists them oldest first', async () => {
    const created = await ensureEventPartitions(testDb.pool, new Date('2031-01-01T00:00:00Z'), 2);
    expect(created).toEqual(['device_event_2031_01', 'device_event_2031_02']);
    expect(await ensureEventPartitions(testDb.pool, new Date('2031-01-01T00:00:00Z'), 2)).toEqual([]);
    const months = (await listEventPartitions(testDb.pool)).map((p) => p.month);
    expect(months).toEqual(expect.arrayContaining(['2031-01', '2031-02']));
    expect(months).toEqual([...months].sort());
  });

  it('stores rows with text COPY and with binary COPY, every column as given', async () => {
    await storeEvents(testDb.pool, [lockRecord(world, 1, '2026-01-05T08:00:00Z', { verified: null })]);
    await withTransaction(testDb.pool, async (client) => {
      const copy = openEventCopy(client);
      const writer = new CopyBinaryWriter();
      writeDeviceEventRow(writer, {
        ...lockRecord(world, 2, '2026-01-05T09:00:00Z'),
        blockListVersion: 7,
        eventCount: 3,
        firstTime: new Date('2026-01-05T08:59:00Z'),
      });
      await copy.write(writer.take());
      await copy.end();
    });
    expect(await storedSequences()).toEqual([1, 2]);
    const { rows } = await testDb.pool.query(
      `SELECT verified, block_list_version AS "blockListVersion", event_count AS "eventCount", first_time AS "firstTime", record
       FROM device_event WHERE device_id = $1 ORDER BY sequence`,
      [world.lockDeviceId],
    );
    expect(rows[0]).toMatchObject({ verified: null, blockListVersion: null });
    expect(rows[1]).toMatchObject({
      verified: true,
      blockListVersion: 7,
      eventCount: 3,
      firstTime: new Date('2026-01-05T08:59:00Z'),
    });
    expect(new Uint8Array(rows[1].record)).toEqual(new Uint8Array([2, 1, 2, 3]));
  });

  it('routes a record whose time falls in no month (a lock clock reset to 1970) to the default partition', async () => {
    await storeEvents(testDb.pool, [lockRecord(world, 3, '1970-01-01T00:05:00Z')]);
    const { rows } = await testDb.pool.query<{ table: string }>(
      'SELECT tableoid::regclass::text AS table FROM device_event WHERE device_id = $1 AND sequence = 3',
      [world.lockDeviceId],
    );
    expect(rows).toEqual([{ table: 'device_event_default' }]);
  });
});
