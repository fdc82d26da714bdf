import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supportCaseReferencePattern } from '@portvakt/core';
import { createEventWorld, type EventWorld } from '../events/events.testing';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { listSupportCaseNotes, listSupportCases } from './support-case-query.repository';
import { appendSupportCaseNote, insertSupportCase } from './support-case.repository';

let testDb: TestDatabase;
let world: EventWorld;
const at = new Date('2027-02-01T08:00:00Z');

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
});
afterAll(async () => testDb.drop());

describe('support cases', () => {
  it('gives a case a reference of its year and starts its timeline with who raised it', async () => {
    const made = await insertSupportCase(
      testDb.pool,
      {
        municipalityId: world.municipalityId,
        category: 'cannot_get_in',
        title: 'Kommer inte in',
        isEmergency: true,
        raisedByUserId: null,
        raisedBy: 'Sara Support',
        raisedByRole: 'support',
        doorId: world.apartmentDoorId,
      },
      at,
    );
    expect(made.reference).toMatch(supportCaseReferencePattern);
    await appendSupportCaseNote(
      testDb.pool,
      {
        municipalityId: world.municipalityId,
        supportCaseId: made.id,
        kind: 'note',
        body: 'Låssmed ringd',
        authorUserId: null,
        author: 'Sara Support',
      },
      new Date('2027-02-01T08:05:00Z'),
    );
    const { rows } = await testDb.pool.query(
      `SELECT kind, body, to_value, author FROM support_case_note WHERE support_case_id = $1 ORDER BY id`,
      [made.id],
    );
    expect(rows).toEqual([
      { kind: 'status', body: 'raised', to_value: 'open', author: 'Sara Support' },
      { kind: 'note', body: 'Låssmed ringd', to_value: null, author: 'Sara Support' },
    ]);
    const touched = await testDb.pool.query('SELECT updated_at, status FROM support_case WHERE id = $1', [
      made.id,
    ]);
    expect(touched.rows[0]).toEqual({ updated_at: new Date('2027-02-01T08:05:00Z'), status: 'open' });
  });

  it('keeps a fact with its params and who wrote it: an actor by default, or the locksmith on the arrival link', async () => {
    const made = await insertSupportCase(
      testDb.pool,
      {
        municipalityId: world.municipalityId,
        category: 'cannot_get_in',
        title: 'Kommer inte in',
        raisedByUserId: null,
        raisedBy: 'Sara Support',
        raisedByRole: 'support',
      },
      at,
    );
    const note = {
      municipalityId: world.municipalityId,
      supportCaseId: made.id,
      authorUserId: null,
      body: '',
    };
    await appendSupportCaseNote(
      testDb.pool,
      { ...note, kind: 'locksmith_on_site', authorKind: 'arrival_link', author: 'Akut Lås' },
      at,
    );
    await appendSupportCaseNote(
      testDb.pool,
      {
        ...note,
        kind: 'emergency_closed',
        params: { cause: 'battery', note: 'Bytt.' },
        author: 'Sara Support',
      },
      at,
    );
    const timeline = await listSupportCaseNotes(testDb.pool, world.municipalityId, made.id);
    expect(
      timeline.map(({ kind, params, authorKind, author }) => ({ kind, params, authorKind, author })),
    ).toEqual([
      { kind: 'status', params: null, authorKind: 'actor', author: 'Sara Support' },
      { kind: 'locksmith_on_site', params: null, authorKind: 'arrival_link', author: 'Akut Lås' },
      {
        kind: 'emergency_closed',
        params: { cause: 'battery', note: 'Bytt.' },
        authorKind: 'actor',
        author: 'Sara Support',
      },
    ]);
    await expect(
      testDb.pool.query(
        `INSERT INTO support_case_note (municipality_id, support_case_id, kind, body, author, author_kind, at)
         VALUES ($1, $2, 'note', 'x', 'x', 'robot', $3)`,
        [world.municipalityId, made.id, at],
      ),
    ).rejects.toThrow(/author_kind/);
  });

  it("keeps a title the server gives as its kind with params, a person's as text, and no other kind", async () => {
    const base = {
      municipalityId: world.municipalityId,
      category: 'lock_fault',
      raisedByUserId: null,
      raisedBy: 'Sara Support',
      raisedByRole: 'support',
    } as const;
    const taken = await insertSupportCase(
      testDb.pool,
      {
        ...base,
        title: '',
        titleKind: 'backup_key_taken',
        titleParams: { cabinetName: 'Skåp Norr', slot: 3 },
      },
      at,
    );
    const written = await insertSupportCase(testDb.pool, { ...base, title: 'Låset kärvar' }, at);
    const listed = await listSupportCases(
      testDb.pool,
      { kind: 'municipality', municipalityId: world.municipalityId },
      { limit: 100 },
    );
    const byId = new Map(listed.map((row) => [row.id, row]));
    expect(byId.get(taken.id)).toMatchObject({
      title: '',
      titleKind: 'backup_key_taken',
      titleParams: { cabinetName: 'Skåp Norr', slot: 3 },
    });
    expect(byId.get(written.id)).toMatchObject({
      title: 'Låset kärvar',
      titleKind: 'text',
      titleParams: null,
    });
    await expect(
      testDb.pool.query(`UPDATE support_case SET title_kind = 'headline' WHERE id = $1`, [written.id]),
    ).rejects.toThrow(/title_kind/);
  });

  it('refuses a property owner case that names a customer (R2.7)', async () => {
    const owner = await testDb.pool.query<{ id: string }>(
      `INSERT INTO property_owner (municipality_id, name) VALUES ($1, 'Bostadsbolaget') RETURNING id`,
      [world.municipalityId],
    );
    await expect(
      insertSupportCase(
        testDb.pool,
        {
          municipalityId: world.municipalityId,
          category: 'property_owner_question',
          title: 'Fråga',
          raisedByUserId: null,
          raisedBy: 'Fastighetsägare',
          raisedByRole: 'property_owner',
          propertyOwnerId: owner.rows[0]!.id,
          customerId: world.gunId,
        },
        at,
      ),
    ).rejects.toThrow(/support_case_check/);
  });
});
