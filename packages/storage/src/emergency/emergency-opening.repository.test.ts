// Emergency openings on real PostgreSQL: the facts a report is judged on, scope per kind, the
// versioned change, arrival links (hash only, the view naming only the way in) and the SLA rows.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorld, type EventWorld } from '../events/events.testing';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { insertSupportCase } from '../support';
import {
  findArrivalLink,
  insertArrivalLink,
  markArrivalLinkUsed,
  readArrivalView,
} from './emergency-arrival.repository';
import {
  findEmergencyOpening,
  insertEmergencyOpening,
  listEmergencyOpenings,
  readEmergencyTarget,
  resolveEmergencySupportCase,
  updateEmergencyOpening,
} from './emergency-opening.repository';
import { listSlaAssignments } from './emergency-sla.repository';
import { endOnCallContact, insertOnCallContact, listOnCallContacts } from './on-call-contact.repository';

let testDb: TestDatabase;
let world: EventWorld;
let companyId: string;
let emergencyId: string;
const reportedAt = new Date('2027-02-06T01:40:00Z');

/** An emergency report of Gun's apartment door at `at`: its support case and its opening. */
async function reportEmergency(at: Date): Promise<string> {
  const supportCase = await insertSupportCase(
    testDb.pool,
    {
      municipalityId: world.municipalityId,
      category: 'cannot_get_in',
      priority: 'urgent',
      title: 'Kommer inte in',
      isEmergency: true,
      raisedByUserId: null,
      raisedBy: 'Stina Nord',
      raisedByRole: 'staff',
      providerId: world.northId,
      doorId: world.apartmentDoorId,
      customerId: world.gunId,
    },
    at,
  );
  return insertEmergencyOpening(testDb.pool, {
    municipalityId: world.municipalityId,
    supportCaseId: supportCase.id,
    customerId: world.gunId,
    doorId: world.apartmentDoorId,
    lockId: world.lockId,
    providerId: world.northId,
    reportedAt: at,
    reportedBy: 'Stina Nord',
  });
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createEventWorld(testDb.pool);
  const company = await testDb.pool.query<{ id: string }>(
    `INSERT INTO locksmith_company (municipality_id, name, is_emergency_contracted) VALUES ($1, 'Akut Lås', true) RETURNING id`,
    [world.municipalityId],
  );
  companyId = company.rows[0]!.id;
  emergencyId = await reportEmergency(reportedAt);
});
afterAll(async () => testDb.drop());

describe('emergency openings', () => {
  it('judges a report: the door on the customer’s way in, its lock, who serves them that day', async () => {
    const target = await readEmergencyTarget(
      testDb.pool,
      world.municipalityId,
      world.gunId,
      world.apartmentDoorId,
      '2027-02-06',
    );
    expect(target).toEqual({
      isCustomerKnown: true,
      isDoorOnPath: true,
      lockId: world.lockId,
      servingProviderIds: [world.northId],
    });
    const bertil = await readEmergencyTarget(
      testDb.pool,
      world.municipalityId,
      world.bertilId,
      world.apartmentDoorId,
      '2027-02-06',
    );
    expect(bertil).toMatchObject({
      isCustomerKnown: true,
      isDoorOnPath: false,
      servingProviderIds: [world.southId],
    });
    const elsewhere = await readEmergencyTarget(
      testDb.pool,
      world.otherMunicipalityId,
      world.gunId,
      world.apartmentDoorId,
      '2027-02-06',
    );
    expect(elsewhere).toMatchObject({ isCustomerKnown: false, isDoorOnPath: false });
  });

  it('shows an emergency to its provider and the assigned company only', async () => {
    const municipality = { kind: 'municipality' as const, municipalityId: world.municipalityId };
    const row = await findEmergencyOpening(testDb.pool, municipality, emergencyId);
    expect(row).toMatchObject({
      customerName: 'Gun Ahmed',
      doorLabel: 'Lgh 1101',
      lockId: world.lockId,
      version: 1,
    });
    const provider = (providerId: string) => ({
      kind: 'provider' as const,
      municipalityId: world.municipalityId,
      providerId,
    });
    expect(
      await listEmergencyOpenings(testDb.pool, provider(world.northId), { state: 'open', limit: 10 }),
    ).toHaveLength(1);
    expect(
      await listEmergencyOpenings(testDb.pool, provider(world.southId), { state: 'all', limit: 10 }),
    ).toEqual([]);
    const assignee = (locksmithCompanyId: string | null) => ({
      kind: 'assignee' as const,
      municipalityId: world.municipalityId,
      userId: world.staffId,
      locksmithCompanyId,
    });
    expect(await findEmergencyOpening(testDb.pool, assignee(companyId), emergencyId)).toBeUndefined();
    expect(await findEmergencyOpening(testDb.pool, assignee(null), emergencyId)).toBeUndefined();

    const assignedAt = new Date('2027-02-06T01:45:00Z');
    const change = {
      locksmithCompanyId: companyId,
      assignedAt,
      assignedBy: 'Sara Support',
      dueAt: new Date('2027-02-06T02:45:00Z'),
    };
    expect(await updateEmergencyOpening(testDb.pool, world.municipalityId, emergencyId, 1, change)).toBe(2);
    expect(
      await updateEmergencyOpening(testDb.pool, world.municipalityId, emergencyId, 1, change),
    ).toBeNull();
    expect(await findEmergencyOpening(testDb.pool, assignee(companyId), emergencyId)).toMatchObject({
      locksmithCompanyName: 'Akut Lås',
      dueAt: new Date('2027-02-06T02:45:00Z'),
    });
    const sla = await listSlaAssignments(
      testDb.pool,
      world.municipalityId,
      new Date('2027-02-01T00:00:00Z'),
      new Date('2027-03-01T00:00:00Z'),
    );
    expect(sla).toEqual([
      expect.objectContaining({
        emergencyId,
        locksmithCompanyName: 'Akut Lås',
        assignedAt,
        onSiteAt: null,
        closedAt: null,
      }),
    ]);
    expect(
      await listSlaAssignments(
        testDb.pool,
        world.municipalityId,
        new Date('2027-03-01'),
        new Date('2027-04-01'),
      ),
    ).toEqual([]);
  });

  it('keeps only the link’s hash, and its view names the way in and nothing of the customer', async () => {
    const tokenHash = createHash('sha256').update('token-1').digest();
    await insertArrivalLink(testDb.pool, {
      municipalityId: world.municipalityId,
      tokenHash,
      emergencyId,
      createdAt: new Date('2027-02-06T01:45:00Z'),
      expiresAt: new Date('2027-02-07T01:45:00Z'),
    });
    expect(
      await findArrivalLink(testDb.pool, createHash('sha256').update('token-2').digest()),
    ).toBeUndefined();
    expect(await findArrivalLink(testDb.pool, tokenHash)).toMatchObject({ emergencyId, usedAt: null });
    await markArrivalLinkUsed(testDb.pool, world.municipalityId, tokenHash, new Date('2027-02-06T02:20:00Z'));
    expect((await findArrivalLink(testDb.pool, tokenHash))!.usedAt).toEqual(new Date('2027-02-06T02:20:00Z'));
    const view = await readArrivalView(testDb.pool, world.municipalityId, emergencyId);
    expect(view.doors).toEqual([
      { label: 'Port A', kind: 'entrance', floor: null },
      { label: 'Lgh 1101', kind: 'apartment_door', floor: null },
    ]);
    expect(JSON.stringify(view)).not.toMatch(/Gun|Ahmed|Nord/);
  });

  it('resolves the support case once', async () => {
    const { supportCaseId } = (await findEmergencyOpening(
      testDb.pool,
      { kind: 'municipality', municipalityId: world.municipalityId },
      emergencyId,
    ))!;
    expect(
      await resolveEmergencySupportCase(
        testDb.pool,
        world.municipalityId,
        supportCaseId,
        new Date('2027-02-06T03:00:00Z'),
      ),
    ).toBe('open');
    expect(
      await resolveEmergencySupportCase(
        testDb.pool,
        world.municipalityId,
        supportCaseId,
        new Date('2027-02-06T03:01:00Z'),
      ),
    ).toBeNull();
  });

  it('lists current on-call contacts in call order and ends one', async () => {
    const at = new Date('2027-02-01T08:00:00Z');
    const add = (name: string, callOrder: number) =>
      insertOnCallContact(testDb.pool, {
        municipalityId: world.municipalityId,
        companyId,
        name,
        phone: '070-000 00 00',
        email: `${name.toLowerCase()}@akut.example`,
        callOrder,
        at,
      });
    const second = await add('Bo', 2);
    await add('Alva', 1);
    expect(
      (await listOnCallContacts(testDb.pool, world.municipalityId, companyId)).map((c) => c.name),
    ).toEqual(['Alva', 'Bo']);
    expect(
      await endOnCallContact(testDb.pool, world.otherMunicipalityId, companyId, second.id, at),
    ).toBeUndefined();
    expect(
      (await endOnCallContact(testDb.pool, world.municipalityId, companyId, second.id, at))!.endedAt,
    ).toEqual(at);
    expect(
      (await listOnCallContacts(testDb.pool, world.municipalityId, companyId)).map((c) => c.name),
    ).toEqual(['Alva']);
  });

  it('lists the open ones by deadline first, then the closed ones newest closed first', async () => {
    const insertClosed = async (dueAt: string, closedAt: string) => {
      const id = await reportEmergency(new Date(dueAt));
      await testDb.pool.query(`UPDATE emergency_opening SET due_at = $2, closed_at = $3 WHERE id = $1`, [
        id,
        dueAt,
        closedAt,
      ]);
      return id;
    };
    // The board names the latest closed first: due order would put October first.
    const closedInNovember = await insertClosed('2027-11-27T09:00:00Z', '2027-11-27T10:00:00Z');
    const closedInOctober = await insertClosed('2027-10-10T09:00:00Z', '2027-10-10T10:00:00Z');
    const rows = await listEmergencyOpenings(
      testDb.pool,
      { kind: 'municipality', municipalityId: world.municipalityId },
      { state: 'all', limit: 10 },
    );
    expect(rows.map((row) => row.id)).toEqual([emergencyId, closedInNovember, closedInOctober]);
  });
});
