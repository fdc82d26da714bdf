// Support cases read and changed inside a scope on real PostgreSQL (docs/support.md): each scope
// kind's SQL, counts that never exceed what the scope may page through, versioned changes, and
// link checks that answer an unknown id and one out of reach alike.
import { randomUUID } from 'node:crypto';
import type { Scope } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorld, type EventWorld } from '../events/events.testing';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { insertSupportCase } from './support-case.repository';
import {
  countSupportCases,
  findSupportCase,
  findSupportLinksOutOfReach,
  listSupportCaseAssignees,
  listSupportCaseNotes,
  listSupportCases,
  readCaseCustomerDoors,
  updateSupportCase,
} from './support-case-query.repository';

let testDb: TestDatabase;
let world: EventWorld;
let ownerId: string;
let otherOwnerId: string;
let staffUserId: string;
let otherStaffUserId: string;
let installerUserId: string;
let supportUserId: string;
let companyId: string;
/** Which of `links` are out of `linkReach` in the municipality (the test database's answer). */
const outOfReach = (
  municipalityId: string,
  links: Parameters<typeof findSupportLinksOutOfReach>[2],
  linkReach: Parameters<typeof findSupportLinksOutOfReach>[3],
) => findSupportLinksOutOfReach(testDb.pool, municipalityId, links, linkReach);
const cases: Record<string, string> = {};
const at = new Date('2027-02-01T08:00:00Z');

async function user(role: string, links: Record<string, string | null> = {}): Promise<string> {
  const { rows } = await testDb.pool.query<{ id: string }>(
    `INSERT INTO user_account (municipality_id, username, display_name, password_hash, role, provider_id,
       staff_member_id, property_owner_id, locksmith_company_id)
     VALUES ($1, $2, $3, 'x', $4, $5, $6, $7, $8) RETURNING id`,
    [
      world.municipalityId,
      `u-${randomUUID()}`,
      `${role} ${Object.keys(cases).length}`,
      role,
      links.providerId ?? null,
      links.staffMemberId ?? null,
      links.propertyOwnerId ?? null,
      links.locksmithCompanyId ?? null,
    ],
  );
  return rows[0]!.id;
}

const raise = async (name: string, row: Record<string, unknown>, when = at) => {
  cases[name] = (
    await insertSupportCase(
      testDb.pool,
      {
        municipalityId: world.municipalityId,
        category: 'lock_fault',
        title: name,
        raisedBy: name,
        raisedByRole: 'support',
        raisedByUserId: null,
        ...row,
      },
      when,
    )
  ).id;
};

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
  const pool = testDb.pool;
  const owner = async (name: string) =>
    (
      await pool.query<{ id: string }>(
        `INSERT INTO property_owner (municipality_id, name) VALUES ($1, $2) RETURNING id`,
        [world.municipalityId, name],
      )
    ).rows[0]!.id;
  ownerId = await owner('Bostadsbolaget');
  otherOwnerId = await owner('Andra AB');
  await pool.query('UPDATE property SET owner_id = $1 WHERE id = $2', [ownerId, world.propertyId]);
  // The event world's Gun (served by North) comes in through the entrance and her apartment door.
  companyId = (
    await pool.query<{ id: string }>(
      `INSERT INTO locksmith_company (municipality_id, name) VALUES ($1, 'Lås AB') RETURNING id`,
      [world.municipalityId],
    )
  ).rows[0]!.id;
  const otherStaff = (
    await pool.query<{ id: string }>(
      `INSERT INTO staff_member (municipality_id, provider_id, given_name, family_name, pseudonym, employment_starts_on)
       VALUES ($1, $2, 'Per', 'Ek', $3, '2020-01-01') RETURNING id`,
      [world.municipalityId, world.northId, `ps-${randomUUID()}`],
    )
  ).rows[0]!.id;
  staffUserId = await user('staff', { providerId: world.northId, staffMemberId: world.staffId });
  otherStaffUserId = await user('staff', { providerId: world.northId, staffMemberId: otherStaff });
  installerUserId = await user('installer', { locksmithCompanyId: companyId });
  supportUserId = await user('support');
  await raise('by-staff', { providerId: world.northId, raisedByUserId: staffUserId, raisedByRole: 'staff' });
  await raise('by-other-staff', {
    providerId: world.northId,
    raisedByUserId: otherStaffUserId,
    raisedByRole: 'staff',
  });
  await raise(
    'by-south',
    { providerId: world.southId, raisedByRole: 'work_lead' },
    new Date(at.getTime() + 1000),
  );
  await raise('by-owner', { propertyOwnerId: ownerId, raisedByRole: 'property_owner', category: 'battery' });
  await raise('by-company', { locksmithCompanyId: companyId, raisedByRole: 'installer' });
  await raise('assigned-to-installer', { assignedUserId: installerUserId, priority: 'high' });
  await raise('by-support', { assignedUserId: supportUserId, isEmergency: true, customerId: world.gunId });
  await insertSupportCase(
    testDb.pool,
    {
      municipalityId: world.otherMunicipalityId,
      category: 'other',
      title: 'elsewhere',
      raisedBy: 'x',
      raisedByRole: 'support',
      raisedByUserId: null,
    },
    at,
  );
}, 120_000);
afterAll(async () => testDb.drop());

const titles = async (scope: Scope, filter = {}) =>
  (await listSupportCases(testDb.pool, scope, { ...filter, limit: 100 })).map((row) => row.title).sort();

describe('support case scope', () => {
  const m = () => world.municipalityId;

  it('gives the municipality all of its cases and none of another municipality', async () => {
    expect(await titles({ kind: 'municipality', municipalityId: m() })).toEqual(Object.keys(cases).sort());
    expect(await countSupportCases(testDb.pool, { kind: 'municipality', municipalityId: m() }, {})).toBe(7);
  });

  it('gives a provider what its people raised, an owner its own, staff their account’s', async () => {
    expect(await titles({ kind: 'provider', municipalityId: m(), providerId: world.northId })).toEqual([
      'by-other-staff',
      'by-staff',
    ]);
    expect(await titles({ kind: 'provider', municipalityId: m(), providerId: world.southId })).toEqual([
      'by-south',
    ]);
    expect(await titles({ kind: 'owner', municipalityId: m(), propertyOwnerId: ownerId })).toEqual([
      'by-owner',
    ]);
    expect(await titles({ kind: 'owner', municipalityId: m(), propertyOwnerId: otherOwnerId })).toEqual([]);
    const self: Scope = {
      kind: 'self',
      municipalityId: m(),
      staffMemberId: world.staffId,
      providerId: world.northId,
    };
    expect(await titles(self)).toEqual(['by-staff']);
    expect(await countSupportCases(testDb.pool, self, {})).toBe(1);
  });

  it('gives an installer what was raised by or assigned to them, or raised by their company', async () => {
    const scope: Scope = {
      kind: 'assignee',
      municipalityId: m(),
      userId: installerUserId,
      locksmithCompanyId: companyId,
    };
    expect(await titles(scope)).toEqual(['assigned-to-installer', 'by-company']);
    expect(await titles({ ...scope, locksmithCompanyId: null })).toEqual(['assigned-to-installer']);
  });

  it('finds one case only inside the scope', async () => {
    const north: Scope = { kind: 'provider', municipalityId: m(), providerId: world.northId };
    expect(await findSupportCase(testDb.pool, north, cases['by-staff']!)).toMatchObject({
      title: 'by-staff',
    });
    expect(await findSupportCase(testDb.pool, north, cases['by-south']!)).toBeUndefined();
    expect(await findSupportCase(testDb.pool, north, randomUUID())).toBeUndefined();
  });

  it('names the customer only as visibility allows', async () => {
    const all: Scope = { kind: 'municipality', municipalityId: m() };
    const id = cases['by-support']!;
    expect(
      await findSupportCase(testDb.pool, all, id, { customerVisibility: { kind: 'all' } }),
    ).toMatchObject({
      customerId: world.gunId,
      customerName: 'Gun Ahmed',
    });
    expect(await findSupportCase(testDb.pool, all, id)).toMatchObject({
      customerId: null,
      customerName: null,
    });
    const south = { kind: 'provider' as const, providerId: world.southId };
    expect(await findSupportCase(testDb.pool, all, id, { customerVisibility: south })).toMatchObject({
      customerName: null,
    });
  });
});

describe('filters and pages', () => {
  const all = (): Scope => ({ kind: 'municipality', municipalityId: world.municipalityId });

  it('filters by status, category, priority, assignee, raiser and emergency, and counts the same', async () => {
    expect(await titles(all(), { category: 'battery' })).toEqual(['by-owner']);
    expect(await titles(all(), { priority: 'high' })).toEqual(['assigned-to-installer']);
    expect(await titles(all(), { assignedUserId: supportUserId })).toEqual(['by-support']);
    expect(await titles(all(), { isEmergency: true })).toEqual(['by-support']);
    expect(await titles(all(), { raisedByUserId: staffUserId })).toEqual(['by-staff']);
    expect(await countSupportCases(testDb.pool, all(), { assignedUserId: null })).toBe(5);
    expect(await countSupportCases(testDb.pool, all(), { status: 'closed' })).toBe(0);
  });

  it('pages newest first by keyset without repeats or gaps', async () => {
    const seen: string[] = [];
    let after: { sortKey: string; id: string } | undefined;
    for (;;) {
      const rows = await listSupportCases(testDb.pool, all(), { limit: 3, after });
      seen.push(...rows.map((row) => row.title as string));
      if (rows.length < 3) break;
      after = { sortKey: rows.at(-1)!.position, id: rows.at(-1)!.id };
    }
    expect(seen[0]).toBe('by-south');
    expect([...seen].sort()).toEqual(Object.keys(cases).sort());
  });
});

describe('changes', () => {
  it('changes fields at the version read, stamps resolution, and refuses a stale version', async () => {
    const id = cases['by-other-staff']!;
    const later = new Date('2027-02-02T10:00:00Z');
    expect(
      await updateSupportCase(testDb.pool, {
        municipalityId: world.municipalityId,
        id,
        expectedVersion: 1,
        fields: { status: 'resolved', priority: 'urgent', assignedUserId: supportUserId },
        at: later,
      }),
    ).toBe(true);
    expect(
      await updateSupportCase(testDb.pool, {
        municipalityId: world.municipalityId,
        id,
        expectedVersion: 1,
        fields: { status: 'open' },
        at: later,
      }),
    ).toBe(false);
    const all: Scope = { kind: 'municipality', municipalityId: world.municipalityId };
    expect(await findSupportCase(testDb.pool, all, id)).toMatchObject({
      status: 'resolved',
      priority: 'urgent',
      assignedUserId: supportUserId,
      resolvedAt: later.toISOString(),
      version: 2,
    });
    await updateSupportCase(testDb.pool, {
      municipalityId: world.municipalityId,
      id,
      expectedVersion: 2,
      fields: { status: 'open' },
      at: later,
    });
    expect(await findSupportCase(testDb.pool, all, id)).toMatchObject({ status: 'open', resolvedAt: null });
    expect(
      (await listSupportCaseNotes(testDb.pool, world.municipalityId, id)).map((note) => note.kind),
    ).toEqual(['status']);
  });
});

describe('link reach', () => {
  const every = { kind: 'municipality' } as const;
  const reach = (
    r: Partial<Record<'lockDeviceId' | 'digitalKeyId' | 'doorId' | 'customerId', unknown>>,
  ): Parameters<typeof findSupportLinksOutOfReach>[3] =>
    ({ lockDeviceId: null, digitalKeyId: null, doorId: null, customerId: null, ...r }) as never;

  it('lets a provider link its own customers, keys and the doors and locks on their way in', async () => {
    const north = { kind: 'provider', providerId: world.northId } as const;
    const r = reach({ lockDeviceId: north, digitalKeyId: north, doorId: north, customerId: north });
    const links = {
      customerId: world.gunId,
      digitalKeyId: world.keyId,
      doorId: world.entranceId,
      lockDeviceId: world.lockId,
    };
    expect(await outOfReach(world.municipalityId, links, r)).toEqual([]);
    const south = { kind: 'provider', providerId: world.southId } as const;
    const rs = reach({ lockDeviceId: south, digitalKeyId: south, doorId: south, customerId: south });
    expect((await outOfReach(world.municipalityId, links, rs)).sort()).toEqual([
      'customerId',
      'digitalKeyId',
      'doorId',
      'lockDeviceId',
    ]);
    // Bertil was North's until 2021 only.
    expect(await outOfReach(world.municipalityId, { customerId: world.bertilId }, r)).toEqual(['customerId']);
  });

  it('answers an unknown id like one out of reach, and another municipality’s like unknown', async () => {
    expect(
      await outOfReach(
        world.municipalityId,
        { customerId: randomUUID(), doorId: world.entranceId },
        reach({ customerId: every, doorId: every }),
      ),
    ).toEqual(['customerId']);
    expect(
      await outOfReach(world.otherMunicipalityId, { doorId: world.entranceId }, reach({ doorId: every })),
    ).toEqual(['doorId']);
  });

  it('keeps a staff member to the keys they hold', async () => {
    const holder = { kind: 'holder', staffMemberId: world.staffId, providerId: world.northId } as const;
    expect(
      await outOfReach(world.municipalityId, { digitalKeyId: world.keyId }, reach({ digitalKeyId: holder })),
    ).toEqual(['digitalKeyId']);
    await testDb.pool.query('UPDATE digital_key SET holder_staff_member_id = $1 WHERE id = $2', [
      world.staffId,
      world.keyId,
    ]);
    expect(
      await outOfReach(world.municipalityId, { digitalKeyId: world.keyId }, reach({ digitalKeyId: holder })),
    ).toEqual([]);
  });

  it('lets a property owner link its shared doors and their locks, never an apartment door (R2.7)', async () => {
    const owner = { kind: 'owner', propertyOwnerId: ownerId } as const;
    const r = reach({ doorId: owner, lockDeviceId: owner });
    expect(await outOfReach(world.municipalityId, { doorId: world.entranceId }, r)).toEqual([]);
    // The event world's lock sits on the apartment door.
    expect(
      (
        await outOfReach(
          world.municipalityId,
          { doorId: world.apartmentDoorId, lockDeviceId: world.lockId },
          r,
        )
      ).sort(),
    ).toEqual(['doorId', 'lockDeviceId']);
    const other = { kind: 'owner', propertyOwnerId: otherOwnerId } as const;
    expect(
      await outOfReach(world.municipalityId, { doorId: world.entranceId }, reach({ doorId: other })),
    ).toEqual(['doorId']);
  });
});

describe('a customer’s doors', () => {
  it('reads the doors of the customer’s way in, their apartment door and the named lock’s door', async () => {
    const gun = await readCaseCustomerDoors(testDb.pool, world.municipalityId, world.gunId, world.lockId);
    expect([...gun!.pathDoorIds].sort()).toEqual([world.entranceId, world.apartmentDoorId].sort());
    expect(gun).toMatchObject({ apartmentDoorId: world.apartmentDoorId, lockDoorId: world.apartmentDoorId });
    // Bertil has no way in recorded; no lock named answers no lock door.
    expect(await readCaseCustomerDoors(testDb.pool, world.municipalityId, world.bertilId, null)).toEqual({
      pathDoorIds: [],
      apartmentDoorId: null,
      lockDoorId: null,
    });
  });

  it('reads nothing of another municipality’s customer or lock', async () => {
    expect(
      await readCaseCustomerDoors(testDb.pool, world.otherMunicipalityId, world.gunId, world.lockId),
    ).toEqual({ pathDoorIds: [], apartmentDoorId: null, lockDoorId: null });
  });
});

describe('assignees', () => {
  it('lists the municipality’s support-side accounts only', async () => {
    const rows = await listSupportCaseAssignees(testDb.pool, world.municipalityId, [
      'support',
      'lock_manager',
      'municipality_admin',
    ]);
    expect(rows.map((row) => row.id)).toEqual([supportUserId]);
  });
});
