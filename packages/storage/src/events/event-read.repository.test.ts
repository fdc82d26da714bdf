import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { listEventReads, recordEventRead, type EventReadInput } from './event-read.repository';
import { createEventWorld, type EventWorld } from './events.testing';

let testDb: TestDatabase;
let world: EventWorld;
beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
});
afterAll(async () => testDb.drop());

const read = (subjectId: string, rowCount: number): EventReadInput => ({
  municipalityId: world.municipalityId,
  actorUserId: null,
  actorTokenId: null,
  actorLabel: 'auditor@test',
  actorRole: 'auditor',
  queryKind: 'events',
  subjectKind: 'customer',
  subjectId,
  timeFrom: new Date('2026-01-01T00:00:00Z'),
  timeTo: null,
  rowCount,
  requestId: 'req-1',
});

describe('the event read log', () => {
  it('records reads and lists them newest first, by subject', async () => {
    await recordEventRead(testDb.pool, read(world.gunId, 3));
    await recordEventRead(testDb.pool, read(world.bertilId, 0));
    const page = await listEventReads(testDb.pool, { municipalityId: world.municipalityId, limit: 10 });
    expect(page.items.map((r) => r.subjectId)).toEqual([world.bertilId, world.gunId]);
    expect(page.items[1]).toMatchObject({ rowCount: 3, timeFrom: '2026-01-01T00:00:00.000Z', timeTo: null });
    const gun = await listEventReads(testDb.pool, {
      municipalityId: world.municipalityId,
      subjectKind: 'customer',
      subjectId: world.gunId,
      limit: 10,
    });
    expect(gun.items).toHaveLength(1);
    expect(gun.hasMore).toBe(false);
  });

  it('keeps another municipality’s reads out', async () => {
    expect(
      (await listEventReads(testDb.pool, { municipalityId: world.otherMunicipalityId, limit: 10 })).items,
    ).toEqual([]);
  });

  it('cannot be changed by the app role (append-only)', async () => {
    await expect(testDb.pool.query('DELETE FROM event_read_log')).rejects.toThrow();
  });
});
