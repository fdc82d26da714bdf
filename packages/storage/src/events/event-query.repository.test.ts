import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import {
  InvalidEventCursorError,
  hasHeldEvents,
  isEventSubjectVisible,
  listEvents,
} from './event-query.repository';
import { createEventWorld, lockRecord, storeEvents, type EventWorld } from './events.testing';

let testDb: TestDatabase;
let world: EventWorld;
const january = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') };
beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
  await storeEvents(testDb.pool, [
    lockRecord(world, 1, '2026-01-05T08:00:00Z'),
    lockRecord(world, 2, '2026-01-05T08:30:00Z', { isRefused: true, verified: false }),
    lockRecord(world, 3, '2026-01-06T08:00:00Z'),
  ]);
});
afterAll(async () => testDb.drop());

const query = (kind: 'lock' | 'door' | 'customer' | 'staff' | 'key', id: string) => ({
  municipalityId: world.municipalityId,
  subject: { kind, id },
  ...january,
  limit: 10,
});

describe('event queries', () => {
  it('lists a lock’s, door’s and customer’s events newest first, with names for roles that see them', async () => {
    for (const [kind, id] of [
      ['lock', world.lockId],
      ['door', world.apartmentDoorId],
      ['customer', world.gunId],
    ] as const) {
      const page = await listEvents(testDb.pool, { ...query(kind, id), view: { doorNames: 'all' } });
      expect(page.items.map((e) => e.sequence)).toEqual([3, 2, 1]);
      expect(page.items[0]).toMatchObject({
        doorLabel: 'Lgh 1101',
        staffMemberId: world.staffId,
        providerId: world.northId,
        lockSerial: null,
      });
    }
  });

  it('attributes only verified records: staff and key histories leave the unverified attempt out', async () => {
    const staff = await listEvents(testDb.pool, query('staff', world.staffId));
    expect(staff.items.map((e) => e.sequence)).toEqual([3, 1]);
    const key = await listEvents(testDb.pool, { ...query('key', world.keyId), isRefusedOnly: true });
    expect(key.items).toEqual([]);
    const lock = await listEvents(testDb.pool, { ...query('lock', world.lockId), isRefusedOnly: true });
    expect(lock.items[0]).toMatchObject({ sequence: 2, verified: false, keyId: null, staffPseudonym: null });
  });

  it('pages with its own cursor and refuses a foreign one', async () => {
    const first = await listEvents(testDb.pool, { ...query('lock', world.lockId), limit: 2 });
    expect(first.nextCursor).not.toBeNull();
    const second = await listEvents(testDb.pool, {
      ...query('lock', world.lockId),
      cursor: first.nextCursor!,
      limit: 2,
    });
    expect(second.items.map((e) => e.sequence)).toEqual([1]);
    await expect(
      listEvents(testDb.pool, { ...query('lock', world.lockId), cursor: 'bm90LWEtY3Vyc29y' }),
    ).rejects.toBeInstanceOf(InvalidEventCursorError);
  });

  it('masks who opened for lock managers', async () => {
    const page = await listEvents(testDb.pool, {
      ...query('lock', world.lockId),
      view: { maskIdentities: true },
    });
    expect(
      page.items.every((e) => e.keyId === null && e.staffPseudonym === null && e.staffName === null),
    ).toBe(true);
  });

  it('sees subjects in their municipality, and for a provider only those in its reach', async () => {
    const m = world.municipalityId;
    expect(await isEventSubjectVisible(testDb.pool, m, { kind: 'lock', id: world.lockId })).toBe(true);
    expect(
      await isEventSubjectVisible(testDb.pool, world.otherMunicipalityId, { kind: 'lock', id: world.lockId }),
    ).toBe(false);
    expect(await isEventSubjectVisible(testDb.pool, m, { kind: 'customer', id: randomUUID() })).toBe(false);
    // North serves Gun (the lock is on her way in); South does not, and North's staff is not South's.
    expect(
      await isEventSubjectVisible(
        testDb.pool,
        m,
        { kind: 'customer', id: world.gunId },
        { providerId: world.northId },
      ),
    ).toBe(true);
    expect(
      await isEventSubjectVisible(
        testDb.pool,
        m,
        { kind: 'lock', id: world.lockId },
        { providerId: world.southId },
      ),
    ).toBe(false);
    expect(
      await isEventSubjectVisible(
        testDb.pool,
        m,
        { kind: 'staff', id: world.staffId },
        { providerId: world.southId },
      ),
    ).toBe(false);
    expect(await hasHeldEvents(testDb.pool, m)).toBe(false);
  });
});
