import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { insertEventFindings, listEventFindings } from './event-finding.repository';
import { createEventWorld, type EventWorld } from './events.testing';

let testDb: TestDatabase;
let world: EventWorld;
beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
});
afterAll(async () => testDb.drop());

describe('event findings', () => {
  it('are written many at once and listed newest first, by kind and device, a page at a time', async () => {
    await insertEventFindings(testDb.pool, [
      {
        municipalityId: world.municipalityId,
        kind: 'gap',
        deviceId: world.lockDeviceId,
        firstSequence: 3,
        lastSequence: 5,
        message: 'records 3..5 missing',
      },
      {
        municipalityId: world.municipalityId,
        kind: 'rejected_batch',
        message: 'batch refused',
        batch: new Uint8Array([1]),
        sourceKind: 'phone',
      },
      {
        municipalityId: world.municipalityId,
        kind: 'gap_filled',
        deviceId: world.lockDeviceId,
        message: 'arrived',
      },
    ]);
    const all = await listEventFindings(testDb.pool, { municipalityId: world.municipalityId, limit: 2 });
    expect(all.items.map((f) => f.kind)).toEqual(['gap_filled', 'rejected_batch']);
    expect(all.hasMore).toBe(true);
    const rest = await listEventFindings(testDb.pool, {
      municipalityId: world.municipalityId,
      beforeId: all.items[1]!.id,
      limit: 2,
    });
    expect(rest.items).toEqual([
      expect.objectContaining({ kind: 'gap', firstSequence: 3, lastSequence: 5, foundBy: 'ingest' }),
    ]);
    const gaps = await listEventFindings(testDb.pool, {
      municipalityId: world.municipalityId,
      kind: 'gap',
      deviceId: world.lockDeviceId,
      limit: 10,
    });
    expect(gaps.items).toHaveLength(1);
  });

  it('are not listed to another municipality', async () => {
    expect(
      (await listEventFindings(testDb.pool, { municipalityId: world.otherMunicipalityId, limit: 10 })).items,
    ).toEqual([]);
  });
});
