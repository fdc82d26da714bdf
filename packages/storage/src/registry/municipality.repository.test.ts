import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import {
  findMunicipality,
  findMunicipalityByCode,
  insertMunicipality,
  updateMunicipality,
} from './municipality.repository';

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => testDb.drop());

describe('municipalities', () => {
  it('are created and found by id and by code, with no settings at first', async () => {
    const id = await insertMunicipality(testDb.pool, { code: '0180', name: 'Stockholms stad' });
    const found = await findMunicipality(testDb.pool, id);
    expect(found).toMatchObject({ id, code: '0180', name: 'Stockholms stad', settings: {} });
    expect(found!.createdAt).toMatch(/Z$/);
    expect(await findMunicipalityByCode(testDb.pool, '0180')).toEqual(found);
  });

  it('change name and settings independently: what is not given stays', async () => {
    const id = await insertMunicipality(testDb.pool, { code: '0181', name: 'Södertälje' });
    await updateMunicipality(testDb.pool, id, { settings: { maxGrantDays: 30 } });
    await updateMunicipality(testDb.pool, id, { name: 'Södertälje kommun' });
    expect(await findMunicipality(testDb.pool, id)).toMatchObject({
      name: 'Södertälje kommun',
      settings: { maxGrantDays: 30 },
    });
  });

  it('an unknown id or code finds nothing; a code taken twice is refused (23505)', async () => {
    expect(await findMunicipality(testDb.pool, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(await findMunicipalityByCode(testDb.pool, '9999')).toBeUndefined();
    await expect(insertMunicipality(testDb.pool, { code: '0180', name: 'Again' })).rejects.toMatchObject({
      code: '23505',
    });
  });
});
