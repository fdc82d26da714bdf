import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from './bulk-insert.repository';
import {
  fillEmptyServiceWindows,
  hasTeamAssignments,
  listUsersByUsername,
  readIdsByNaturalKey,
} from './demo-seed.repository';
import { createTestDatabase, type TestDatabase } from './testing';
import { insertUser } from '../accounts/accounts.repository';
import { insertMunicipality } from '../registry/municipality.repository';

let testDb: TestDatabase;
let municipalityId: string;
let otherMunicipalityId: string;
beforeAll(async () => {
  testDb = await createTestDatabase();
  municipalityId = await insertMunicipality(testDb.pool, { code: '0185', name: 'Täby' });
  otherMunicipalityId = await insertMunicipality(testDb.pool, { code: '0186', name: 'Lidingö' });
});
afterAll(async () => testDb.drop());

const provider = (inMunicipality: string, name: string) => ({
  municipality_id: inMunicipality,
  name,
  ownership: 'private',
  kinds: ['day_home_care'],
});

describe('what seed-demo matches and backfills', () => {
  it('reads ids by natural key within one municipality only', async () => {
    await insertRows(testDb.pool, 'provider', [
      provider(municipalityId, 'Omsorg Norr'),
      provider(otherMunicipalityId, 'Omsorg Syd'),
    ]);
    const ids = await readIdsByNaturalKey(testDb.pool, 'provider', municipalityId);
    expect([...ids.keys()]).toEqual(['Omsorg Norr']);
    expect(await hasTeamAssignments(testDb.pool, municipalityId)).toBe(false);
  });

  it('sets service windows only where none are set', async () => {
    const id = (await readIdsByNaturalKey(testDb.pool, 'provider', municipalityId)).get('Omsorg Norr')!;
    const night = { night_patrol: [{ from: '22:00', to: '07:00' }] };
    await fillEmptyServiceWindows(testDb.pool, municipalityId, id, night);
    await fillEmptyServiceWindows(testDb.pool, municipalityId, id, {
      night_patrol: [{ from: '23:00', to: '06:00' }],
    });
    const { rows } = await testDb.pool.query('SELECT service_windows FROM provider WHERE id = $1', [id]);
    expect(rows[0].service_windows).toEqual(night);
  });

  it('finds the demo accounts by username in the municipality, not elsewhere', async () => {
    const account = { displayName: 'Demo', passwordHash: 'x', role: 'auditor' as const };
    await insertUser(testDb.pool, { ...account, municipalityId, username: 'demo.revisor' });
    await insertUser(testDb.pool, {
      ...account,
      municipalityId: otherMunicipalityId,
      username: 'demo.annan',
    });
    const found = await listUsersByUsername(testDb.pool, municipalityId, ['demo.revisor', 'demo.annan']);
    expect(found.map((user) => user.username)).toEqual(['demo.revisor']);
  });
});
