import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { readResidenceAddresses } from './customer-address.repository';
import { createRegistryWorld, type RegistryWorld } from './registry.testing';

let testDb: TestDatabase;
let world: RegistryWorld;
beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createRegistryWorld(testDb.pool);
});
afterAll(async () => testDb.drop());

describe('readResidenceAddresses', () => {
  it('reads the street address of each asked customer’s home, and nothing for an unknown id', async () => {
    const addresses = await readResidenceAddresses(testDb.pool, world.municipalityId, [
      world.gunId,
      randomUUID(),
    ]);
    expect([...addresses]).toEqual([[world.gunId, 'Sveavägen 1']]);
    expect((await readResidenceAddresses(testDb.pool, world.municipalityId, [])).size).toBe(0);
  });

  it('reads nothing across municipalities', async () => {
    expect((await readResidenceAddresses(testDb.pool, randomUUID(), [world.gunId])).size).toBe(0);
  });
});
