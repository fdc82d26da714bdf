import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToBlockList } from '../devices/block-list.repository';
import { insertMunicipality } from '../registry/municipality.repository';
import {
  countMunicipalityRows,
  findMunicipalityIdByCode,
  insertMunicipalityIfAbsent,
  insertRows,
  listWithdrawnKeysOffBlockList,
} from './bulk-insert.repository';
import { createTestDatabase, type TestDatabase } from './testing';

let testDb: TestDatabase;
let municipalityId: string;
beforeAll(async () => {
  testDb = await createTestDatabase();
  municipalityId = await insertMunicipality(testDb.pool, { code: '0180', name: 'Stockholms stad' });
});
afterAll(async () => testDb.drop());

describe('inserting many rows', () => {
  it('writes every row, over several statements when one would take too many parameters', async () => {
    // Three columns: 10,000 rows fill one statement, so 10,001 need two.
    const rows = Array.from({ length: 10_001 }, (_, n) => ({
      municipality_id: municipalityId,
      code: `D${n}`,
      name: `District ${n}`,
    }));
    expect(await insertRows(testDb.pool, 'district', rows)).toBe(10_001);
    const counts = await countMunicipalityRows(testDb.pool, municipalityId);
    expect(Number(counts.districts)).toBe(10_001);
    expect(Number(counts.customers)).toBe(0);
  });

  it('writes nothing for no rows', async () => {
    expect(await insertRows(testDb.pool, 'district', [])).toBe(0);
  });

  it('refuses rows with other columns than the first, and names that are not plain identifiers', async () => {
    await expect(
      insertRows(testDb.pool, 'district', [
        { municipality_id: municipalityId, code: 'X1', name: 'X' },
        { municipality_id: municipalityId, code: 'X2', label: 'X' },
      ]),
    ).rejects.toThrow(/Every district row must have the columns municipality_id, code, name/);
    await expect(insertRows(testDb.pool, 'district; DROP TABLE door', [{ code: 'X' }])).rejects.toThrow(
      /Not a plain SQL identifier/,
    );
    expect(Number((await countMunicipalityRows(testDb.pool, municipalityId)).districts)).toBe(10_001);
  });
});

describe('seeding a municipality', () => {
  it('creates it once by code; a second attempt with the same code creates nothing', async () => {
    const id = '5a1b2c3d-0000-4000-8000-000000000001';
    const municipality = { id, code: '0181', name: 'Södertälje', settings: { maxGrantDays: 30 } };
    expect(await insertMunicipalityIfAbsent(testDb.pool, municipality)).toBe(id);
    expect(
      await insertMunicipalityIfAbsent(testDb.pool, {
        ...municipality,
        id: '5a1b2c3d-0000-4000-8000-000000000002',
      }),
    ).toBeUndefined();
    expect(await findMunicipalityIdByCode(testDb.pool, '0181')).toBe(id);
    expect(await findMunicipalityIdByCode(testDb.pool, '9999')).toBeUndefined();
  });

  it('finds withdrawn keys that are not on the block list', async () => {
    const { rows: providers } = await testDb.pool.query<{ id: string }>(
      `INSERT INTO provider (municipality_id, name, ownership, kinds)
       VALUES ($1, 'Hemtjänst Nord', 'municipal', ARRAY['day_home_care']) RETURNING id`,
      [municipalityId],
    );
    const key = async (serial: string, status: string) => {
      const { rows } = await testDb.pool.query<{ id: string }>(
        `INSERT INTO digital_key (municipality_id, provider_id, kind, serial, status, status_reason)
         VALUES ($1, $2, 'hardware_key', $3, $4, 'lost on the bus') RETURNING id`,
        [municipalityId, providers[0]!.id, serial, status],
      );
      return rows[0]!.id;
    };
    await key('K-1', 'active');
    const listed = await key('K-2', 'blocked');
    const missing = await key('K-3', 'lost');
    await addToBlockList(testDb.pool, {
      municipalityId,
      digitalKeyId: listed,
      reason: 'blocked',
      blockedBy: 'test',
    });
    expect(await listWithdrawnKeysOffBlockList(testDb.pool, municipalityId)).toEqual([
      { id: missing, status: 'lost', statusReason: 'lost on the bus' },
    ]);
  });
});
