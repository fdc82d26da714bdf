// The names of the records an audit page refers to, on real PostgreSQL: every kind the trail
// names, each as the console says it, in one statement; a record no longer there, or of another
// municipality, is left out.
import { findEntity } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReferencedNames, type ReferencedRecord } from './audit-references.repository';
import { insertUser } from '../accounts/accounts.repository';
import { insertTestKeyCabinet } from '../backup-keys/key-cabinet.testing';
import type { Queryable } from '../platform/queryable';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { insertEntity } from '../registry/registry.repository';
import { createRegistryWorld, type RegistryWorld } from '../registry/registry.testing';

let testDb: TestDatabase;
let w: RegistryWorld;
const ids: Record<string, string> = {};

beforeAll(async () => {
  testDb = await createTestDatabase();
  const db = testDb.pool;
  w = await createRegistryWorld(db);
  const add = (resource: Parameters<typeof findEntity>[0], values: Record<string, unknown>) =>
    insertEntity(db, findEntity(resource), w.municipalityId, values);
  ids.propertyOwner = await add('property_owner', { name: 'Brf Eken' });
  ids.lock = await add('lock_device', { lockType: 'cylinder_ring', serial: 'PV-CR-0001', status: 'removed' });
  ids.key = await add('digital_key', { providerId: w.northId, kind: 'hardware_key', serial: 'PV-K-0001' });
  ids.company = await add('locksmith_company', { name: 'Låsjouren AB' });
  ids.cabinet = await insertTestKeyCabinet(db, {
    municipalityId: w.municipalityId,
    providerId: w.northId,
    name: 'Skåpet på Norrmalm',
    slotCount: 10,
    isRetired: true,
  });
  const inserted = async (sql: string, values: unknown[]) =>
    (await db.query<{ id: string }>(`${sql} RETURNING id`, values)).rows[0]!.id;
  ids.workOrder = await inserted(
    `INSERT INTO work_order (municipality_id, reference, kind, door_id, origin, created_by)
     VALUES ($1, 'AO-2027-000007', 'install', $2, 'manual', 'Eva')`,
    [w.municipalityId, w.entranceId],
  );
  ids.supportCase = await inserted(
    `INSERT INTO support_case (municipality_id, reference, category, title, raised_by, raised_by_role)
     VALUES ($1, 'SUP-2027-000042', 'other', 'Fråga', 'Eva', 'support')`,
    [w.municipalityId],
  );
  const user = (username: string, displayName: string) =>
    insertUser(db, {
      municipalityId: w.municipalityId,
      username,
      displayName,
      passwordHash: 'x',
      role: 'support',
    });
  ids.named = await user('eva.ek', 'Eva Ek');
  ids.blank = await user('tom.namn', '  ');
  ids.invitation = await inserted(
    `INSERT INTO relative_invitation (municipality_id, customer_id, relative_name, email, token_hash, invited_by,
       created_at, expires_at, withdrawn_at, withdrawn_by)
     VALUES ($1, $2, 'Lena Berg', 'lena@example.se', '\\x01', 'Eva Ek', $3, $4, $4, 'eva.ek')`,
    [w.municipalityId, w.gunId, '2027-01-01T08:00:00Z', '2027-01-08T08:00:00Z'],
  );
  ids.otherDistrict = await insertEntity(db, findEntity('district'), w.otherMunicipalityId, {
    code: 'X1',
    name: 'Grannstadens område',
  });
});
afterAll(async () => testDb.drop());

/** `db` with the statements it is asked to run counted. */
function countStatements(db: Queryable) {
  const counted = {
    statements: 0,
    query: ((...args: Parameters<Queryable['query']>) => {
      counted.statements += 1;
      return (db.query as (...a: unknown[]) => unknown)(...args);
    }) as Queryable['query'],
  };
  return counted;
}

describe('the names of the records an audit page refers to', () => {
  it('names every kind the trail refers to, archived ones too, in one statement', async () => {
    const records: ReferencedRecord[] = [
      { kind: 'district', id: w.districtId },
      { kind: 'property_owner', id: ids.propertyOwner! },
      { kind: 'property', id: w.propertyId },
      { kind: 'door', id: w.entranceId },
      { kind: 'provider', id: w.northId },
      { kind: 'team', id: w.teamId },
      { kind: 'customer', id: w.gunId },
      { kind: 'staff_member', id: w.staffId },
      { kind: 'lock_device', id: ids.lock! },
      { kind: 'digital_key', id: ids.key! },
      { kind: 'locksmith_company', id: ids.company! },
      { kind: 'work_order', id: ids.workOrder! },
      { kind: 'key_cabinet', id: ids.cabinet! },
      { kind: 'support_case', id: ids.supportCase! },
      { kind: 'user_account', id: ids.named! },
      { kind: 'user_account', id: ids.blank! },
      { kind: 'relative_invitation', id: ids.invitation! },
    ];
    const db = countStatements(testDb.pool);
    const names = await readReferencedNames(db, w.municipalityId, records);
    expect(db.statements).toBe(1);
    expect(new Map(names.map(({ kind, id, name }) => [`${kind}:${id}`, name]))).toEqual(
      new Map([
        [`district:${w.districtId}`, 'Norrmalm'],
        [`property_owner:${ids.propertyOwner}`, 'Brf Eken'],
        [`property:${w.propertyId}`, 'Sveavägen 1 (Sveaborg 4)'],
        [`door:${w.entranceId}`, 'Sveavägen 1, Port A'],
        [`provider:${w.northId}`, 'Hemtjänst Nord'],
        [`team:${w.teamId}`, 'Nord 1'],
        [`customer:${w.gunId}`, 'Gun Ahmed'],
        [`staff_member:${w.staffId}`, 'Anna Lind'],
        [`lock_device:${ids.lock}`, 'PV-CR-0001'],
        [`digital_key:${ids.key}`, 'PV-K-0001'],
        [`locksmith_company:${ids.company}`, 'Låsjouren AB'],
        [`work_order:${ids.workOrder}`, 'AO-2027-000007'],
        [`key_cabinet:${ids.cabinet}`, 'Skåpet på Norrmalm'],
        [`support_case:${ids.supportCase}`, 'SUP-2027-000042'],
        [`user_account:${ids.named}`, 'Eva Ek'],
        [`user_account:${ids.blank}`, 'tom.namn'],
        // An invitation, withdrawn too, by the relative it was for.
        [`relative_invitation:${ids.invitation}`, 'Lena Berg'],
      ]),
    );
  });

  it('leaves out a record no longer there, one of another municipality, and an id under the wrong kind', async () => {
    const gone = '00000000-0000-4000-8000-000000000001';
    const db = countStatements(testDb.pool);
    const names = await readReferencedNames(db, w.municipalityId, [
      { kind: 'door', id: gone },
      { kind: 'district', id: ids.otherDistrict! },
      { kind: 'provider', id: w.entranceId },
      { kind: 'door', id: w.entranceId.toUpperCase() },
    ]);
    expect(names).toEqual([{ kind: 'door', id: w.entranceId, name: 'Sveavägen 1, Port A' }]);
    expect(db.statements).toBe(1);
  });

  it('runs no statement for a page that refers to nothing', async () => {
    const db = countStatements(testDb.pool);
    expect(await readReferencedNames(db, w.municipalityId, [])).toEqual([]);
    expect(db.statements).toBe(0);
  });
});
