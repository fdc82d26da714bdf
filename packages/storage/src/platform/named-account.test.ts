// The name beside a username a record keeps (recordedAccountName), on real PostgreSQL: the
// municipality's staff and the record's own organisation are named; anyone else, an API token, a
// blank name and an account of another municipality are not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../accounts/accounts.repository';
import { createRegistryWorld, type RegistryWorld } from '../registry/registry.testing';
import { recordedAccountName } from './named-account';
import { createTestDatabase, type TestDatabase } from './testing';

let testDb: TestDatabase;
let world: RegistryWorld;

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createRegistryWorld(testDb.pool);
  const user = (
    username: string,
    displayName: string,
    role: 'lock_manager' | 'work_lead',
    providerId?: string,
  ) =>
    insertUser(testDb.pool, {
      municipalityId: world.municipalityId,
      username,
      displayName,
      passwordHash: 'x',
      role,
      providerId: providerId ?? null,
    });
  await user('lisa.lock', 'Lisa Låsansvarig', 'lock_manager');
  await user('nora.north', 'Nora Nord', 'work_lead', world.northId);
  await user('sven.south', 'Sven Syd', 'work_lead', world.southId);
  await user('blank.north', '  ', 'work_lead', world.northId);
  await insertUser(testDb.pool, {
    municipalityId: world.otherMunicipalityId,
    username: 'olle.other',
    displayName: 'Olle Grannstad',
    passwordHash: 'x',
    role: 'lock_manager',
  });
});
afterAll(async () => testDb.drop());

/** The name a record of `providerId` in `municipalityId` shows for `username`. */
async function nameFor(username: string, providerId: string, municipalityId = world.municipalityId) {
  const { rows } = await testDb.pool.query<{ name: string | null }>(
    `SELECT ${recordedAccountName('r', 'r.username', 'n.provider_id = r.provider_id')} AS name
     FROM (VALUES ($1::uuid, $2::text, $3::uuid)) AS r(municipality_id, username, provider_id)`,
    [municipalityId, username, providerId],
  );
  return rows[0]!.name;
}

describe('the name beside a recorded username', () => {
  it('names the municipality’s staff and the record’s own organisation', async () => {
    expect(await nameFor('lisa.lock', world.southId)).toBe('Lisa Låsansvarig');
    expect(await nameFor('nora.north', world.northId)).toBe('Nora Nord');
  });

  it('names no one of another organisation, no token, no blank name and no other municipality’s account', async () => {
    expect(await nameFor('sven.south', world.northId)).toBeNull();
    expect(await nameFor('token:integration', world.northId)).toBeNull();
    expect(await nameFor('blank.north', world.northId)).toBeNull();
    expect(await nameFor('olle.other', world.northId)).toBeNull();
    expect(await nameFor('olle.other', world.northId, world.otherMunicipalityId)).toBe('Olle Grannstad');
  });

  it('names only the municipality’s staff when the record belongs to no organisation', async () => {
    const { rows } = await testDb.pool.query<{ name: string | null }>(
      `SELECT ${recordedAccountName('r', 'r.username')} AS name
       FROM (VALUES ($1::uuid, 'lisa.lock'), ($1::uuid, 'nora.north')) AS r(municipality_id, username)`,
      [world.municipalityId],
    );
    expect(rows.map((row) => row.name)).toEqual(['Lisa Låsansvarig', null]);
  });
});
