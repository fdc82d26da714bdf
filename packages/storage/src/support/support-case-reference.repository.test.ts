// A case's reference says nothing of the other cases (docs/support.md "References"): random per
// case, unique per municipality, and the counted references of cases made before migration 0064
// replaced by random ones with the old number kept, on real PostgreSQL.
import { supportCaseReferencePattern } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorld, type EventWorld } from '../events/events.testing';
import { loadMigrations } from '../platform/migrate';
import {
  createTestDatabase,
  readReferenceCodeValue as codeValue,
  type TestDatabase,
} from '../platform/testing';
import { insertSupportCase, type NewSupportCase } from './support-case.repository';

let testDb: TestDatabase;
let world: EventWorld;
let ownerId: string;
const at = new Date('2027-02-01T08:00:00Z');

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
  ownerId = (
    await testDb.pool.query<{ id: string }>(
      `INSERT INTO property_owner (municipality_id, name) VALUES ($1, 'Bostadsbolaget') RETURNING id`,
      [world.municipalityId],
    )
  ).rows[0]!.id;
}, 120_000);
afterAll(async () => testDb.drop());

const raisedBy = {
  owner: () => ({ propertyOwnerId: ownerId, raisedByRole: 'property_owner' }),
  north: () => ({ providerId: world.northId, raisedByRole: 'work_lead' }),
  south: () => ({ providerId: world.southId, raisedByRole: 'work_lead' }),
};

const raise = async (
  by: keyof typeof raisedBy,
  drawRandomBytes?: (size: number) => Uint8Array,
  municipalityId = world.municipalityId,
) => {
  const row: NewSupportCase = {
    municipalityId,
    category: 'other',
    title: by,
    raisedByUserId: null,
    raisedBy: by,
    raisedByRole: 'support',
    ...(municipalityId === world.municipalityId ? raisedBy[by]() : {}),
  };
  return insertSupportCase(testDb.pool, row, at, drawRandomBytes);
};

describe('support case references', () => {
  it('tells a property owner nothing of the cases others raised between two of theirs', async () => {
    const first = await raise('owner');
    const between = [];
    for (const by of ['north', 'south', 'north', 'south', 'north', 'south', 'north'] as const)
      between.push(await raise(by));
    const second = await raise('owner');
    const all = [first, ...between, second].map((made) => made.reference);
    for (const reference of all) expect(reference).toMatch(supportCaseReferencePattern);
    expect(new Set(all).size).toBe(all.length);
    // Not one after the other, nor the count between them apart, nor in the order they were made.
    const gap = codeValue(second.reference) - codeValue(first.reference);
    expect([1, between.length + 1]).not.toContain(gap);
    const values = all.map(codeValue);
    const ascending = [...values].sort((a, b) => a - b);
    expect(values).not.toEqual(ascending);
    expect(values).not.toEqual([...ascending].reverse());
  });

  it('draws another code when one is taken in the municipality, and may repeat one of another municipality', async () => {
    const same = () => new Uint8Array(6).fill(7);
    const taken = await raise('north', same);
    expect(taken.reference).toBe('SUP-2027-777777');
    const draws = [same(), same(), new Uint8Array(6).fill(8)];
    const next = await raise('south', () => draws.shift()!);
    expect(next.reference).toBe('SUP-2027-888888');
    expect(draws).toEqual([]);
    expect((await raise('north', same, world.otherMunicipalityId)).reference).toBe('SUP-2027-777777');
  });
});

describe('migration 0064: counted references replaced', () => {
  it('gives every case made before a random reference, keeps its number, and moves the facts that name it', async () => {
    const insertCounted = async (reference: string, extra = '', values: unknown[] = []) =>
      (
        await testDb.pool.query<{ id: string }>(
          `INSERT INTO support_case (municipality_id, reference, category, title, raised_by, raised_by_role${extra ? `, ${extra}` : ''})
           VALUES ($1, $2, 'other', 'Fråga', 'Eva', 'support'${values.map((_, index) => `, $${index + 3}`).join('')}) RETURNING id`,
          [world.municipalityId, reference, ...values],
        )
      ).rows[0]!.id;
    const emergency = await insertCounted('SUP-2026-000041');
    const followUp = await insertCounted('SUP-2026-000042', 'title_kind, title_params', [
      'emergency_follow_up',
      { emergencyReference: 'SUP-2026-000041' },
    ]);
    await testDb.pool.query(
      `INSERT INTO support_case_note (municipality_id, support_case_id, kind, body, params, author)
       VALUES ($1, $2, 'follow_up_opened', '', $3, 'Sara')`,
      [
        world.municipalityId,
        emergency,
        { followUp: 'support_case', reference: 'SUP-2026-000042', workOrderKind: null },
      ],
    );
    const random = await raise('owner');
    const read = async () =>
      (
        await testDb.pool.query(
          `SELECT id, reference, former_reference AS "formerReference", title_params AS "titleParams"
           FROM support_case WHERE id = ANY($1)`,
          [[emergency, followUp, random.id]],
        )
      ).rows.reduce(
        (byId, row) => ({ ...byId, [row.id]: row }),
        {} as Record<string, Record<string, unknown>>,
      );
    // A database as the migration finds it: the cases were numbered from one sequence.
    await testDb.superuser.query('CREATE SEQUENCE IF NOT EXISTS support_case_number');
    const migration = (await loadMigrations()).find((file) => file.version === '0064')!;
    await testDb.superuser.query(migration.sql);
    const once = await read();
    expect(once[emergency]).toMatchObject({ formerReference: 'SUP-2026-000041' });
    expect(once[emergency]!.reference).toMatch(supportCaseReferencePattern);
    expect(once[emergency]!.reference).toMatch(/^SUP-2026-/);
    expect(once[followUp]).toMatchObject({
      formerReference: 'SUP-2026-000042',
      titleParams: { emergencyReference: once[emergency]!.reference },
    });
    expect(once[random.id]).toMatchObject({ reference: random.reference, formerReference: null });
    const note = await testDb.pool.query(
      `SELECT params FROM support_case_note WHERE support_case_id = $1 AND kind = 'follow_up_opened'`,
      [emergency],
    );
    expect(note.rows[0].params).toEqual({
      followUp: 'support_case',
      reference: once[followUp]!.reference,
      workOrderKind: null,
    });
    // Running it again changes nothing.
    await testDb.superuser.query(migration.sql);
    expect(await read()).toEqual(once);
  });
});
