// The phone app's day on real PostgreSQL (docs/phone-app.md "Today's visits"): which planned
// visits a staff member's phone lists (own provider, teams' customers, memberships and
// assignments overlapping the day, windows overlapping it) and which of them their own visit marks.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../platform/bulk-insert.repository';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { createRegistryWorld, type RegistryWorld } from '../registry/registry.testing';
import { readPhoneHolderContext } from '../devices';
import { listStaffPlannedVisits } from './phone-planned-visit.repository';

let testDb: TestDatabase;
let world: RegistryWorld;
/** Monday 2 March 2026 in Stockholm (CET): 23:00Z to 23:00Z; now 08:00 local. */
const day = { from: new Date('2026-03-01T23:00:00Z'), to: new Date('2026-03-02T23:00:00Z') };
const now = new Date('2026-03-02T07:00:00Z');
const ids = {} as Record<'cecilia' | 'nord2' | 'syd' | 'otherStaff' | 'phone', string>;

async function insertCustomer(givenName: string): Promise<string> {
  const id = randomUUID();
  await insertRows(testDb.pool, 'customer', [
    {
      id,
      municipality_id: world.municipalityId,
      district_id: world.districtId,
      given_name: givenName,
      family_name: 'Kund',
      residence_property_id: world.propertyId,
      apartment_door_id: world.apartmentDoorId,
    },
  ]);
  return id;
}

async function insertTeam(providerId: string, name: string): Promise<string> {
  const id = randomUUID();
  await insertRows(testDb.pool, 'team', [
    { id, municipality_id: world.municipalityId, provider_id: providerId, name },
  ]);
  return id;
}

async function assign(
  teamId: string,
  customerId: string,
  validFrom: string,
  validUntil: string | null = null,
) {
  await insertRows(testDb.pool, 'team_customer', [
    {
      municipality_id: world.municipalityId,
      team_id: teamId,
      customer_id: customerId,
      valid_from: validFrom,
      valid_until: validUntil,
      granted_by: 'test',
    },
  ]);
}

async function join(teamId: string, staffId: string, validFrom: string, validUntil: string | null = null) {
  await insertRows(testDb.pool, 'team_membership', [
    {
      municipality_id: world.municipalityId,
      team_id: teamId,
      staff_member_id: staffId,
      valid_from: validFrom,
      valid_until: validUntil,
    },
  ]);
}

async function plan(externalId: string, customerId: string, providerId: string, start: string, end: string) {
  await insertRows(testDb.pool, 'planned_visit', [
    {
      municipality_id: world.municipalityId,
      external_id: externalId,
      customer_id: customerId,
      provider_id: providerId,
      services: ['meals'],
      planned_minutes: 30,
      window_starts_at: start,
      window_ends_at: end,
    },
  ]);
}

async function visit(
  customerId: string,
  staffId: string,
  arrival: string,
  departure: string | null,
  state = departure ? 'registered' : 'incomplete',
  source: 'phone' | 'lock' = 'phone',
) {
  await insertRows(testDb.pool, 'visit', [
    {
      visit_id: randomUUID(),
      version: 1,
      municipality_id: world.municipalityId,
      provider_id: world.northId,
      customer_id: customerId,
      staff_member_ids: [staffId],
      source,
      state,
      arrival_at: arrival,
      departure_at: departure,
      created_by: 'test',
      ...(state === 'declined' ? { declined_reason: 'Kunden avböjde' } : {}),
    },
  ]);
}

const list = (staffMemberId = world.staffId) =>
  listStaffPlannedVisits(testDb.pool, {
    municipalityId: world.municipalityId,
    providerId: world.northId,
    staffMemberId,
    from: day.from,
    to: day.to,
    now,
    longestVisitMinutes: 12 * 60,
  });

beforeAll(async () => {
  testDb = await createTestDatabase();
  world = await createRegistryWorld(testDb.pool);
  const since = '2020-01-01T00:00:00Z';
  // Anna (world.staffId) is in Nord 1, which serves Gun; Cecilia only from tomorrow.
  await join(world.teamId, world.staffId, since);
  await assign(world.teamId, world.gunId, since);
  ids.cecilia = await insertCustomer('Cecilia');
  await assign(world.teamId, ids.cecilia, '2026-03-03T00:00:00Z');
  // Nord 2 serves Bertil, but Anna left it yesterday.
  ids.nord2 = await insertTeam(world.northId, 'Nord 2');
  await assign(ids.nord2, world.bertilId, since);
  await join(ids.nord2, world.staffId, since, '2026-03-01T12:00:00Z');
  // Syd (the other provider) serves Bertil.
  ids.syd = await insertTeam(world.southId, 'Syd 1');
  await assign(ids.syd, world.bertilId, since);
  ids.otherStaff = randomUUID();
  await insertRows(testDb.pool, 'staff_member', [
    {
      id: ids.otherStaff,
      municipality_id: world.municipalityId,
      provider_id: world.northId,
      given_name: 'Bo',
      family_name: 'Nord',
      pseudonym: `ps-bo-${ids.otherStaff.slice(0, 6)}`,
      employment_starts_on: '2020-01-01',
    },
  ]);
  await join(world.teamId, ids.otherStaff, since);

  await plan('GUN-MORNING', world.gunId, world.northId, '2026-03-02T06:30:00Z', '2026-03-02T07:30:00Z');
  await plan('GUN-LUNCH', world.gunId, world.northId, '2026-03-02T10:30:00Z', '2026-03-02T11:30:00Z');
  await plan('GUN-LATE', world.gunId, world.northId, '2026-03-02T22:30:00Z', '2026-03-02T23:30:00Z');
  await plan('GUN-YESTERDAY', world.gunId, world.northId, '2026-03-01T21:00:00Z', '2026-03-01T22:00:00Z');
  await plan('GUN-TOMORROW', world.gunId, world.northId, '2026-03-02T23:00:00Z', '2026-03-02T23:45:00Z');
  // South's own planned visit at Gun, and at Bertil: not North's.
  await plan('GUN-SOUTH', world.gunId, world.southId, '2026-03-02T08:00:00Z', '2026-03-02T09:00:00Z');
  await plan('BERTIL-SOUTH', world.bertilId, world.southId, '2026-03-02T08:00:00Z', '2026-03-02T09:00:00Z');
  // North's planned visit at Bertil (Anna's team membership has ended) and at Cecilia (from tomorrow).
  await plan('BERTIL-NORTH', world.bertilId, world.northId, '2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z');
  await plan('CECILIA', ids.cecilia, world.northId, '2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z');

  ids.phone = randomUUID();
  await insertRows(testDb.pool, 'digital_key', [
    {
      id: ids.phone,
      municipality_id: world.municipalityId,
      provider_id: world.northId,
      kind: 'phone',
      serial: `PP-${ids.phone.slice(0, 8)}`,
      holder_staff_member_id: world.staffId,
    },
  ]);
});
afterAll(async () => testDb.drop());

describe('phone planned visit repository', () => {
  it('reads the phone’s key, holder and provider; an unknown key has no context', async () => {
    expect(await readPhoneHolderContext(testDb.pool, ids.phone)).toMatchObject({
      municipalityId: world.municipalityId,
      key: { status: 'active' },
      staff: { id: world.staffId, providerId: world.northId },
    });
    expect(await readPhoneHolderContext(testDb.pool, randomUUID())).toBeUndefined();
  });

  it('lists the day’s own-provider planned visits at the customers the staff member’s teams serve today', async () => {
    const rows = await list();
    expect(rows.map((row) => [row.customerName, row.windowStart.toISOString()])).toEqual([
      ['Gun Ahmed', '2026-03-02T06:30:00.000Z'],
      ['Gun Ahmed', '2026-03-02T10:30:00.000Z'],
      ['Gun Ahmed', '2026-03-02T22:30:00.000Z'],
    ]);
    expect(rows[0]).toMatchObject({
      address: 'Sveavägen 1',
      apartment: null,
      plannedMinutes: 30,
      staffCount: 1,
      services: ['meals'],
      checkedInAt: null,
      checkedOutAt: null,
    });
    // A staff member in no team sees nothing.
    const { rows: loner } = await testDb.pool.query<{ id: string }>(
      `INSERT INTO staff_member (municipality_id, provider_id, given_name, family_name, pseudonym, employment_starts_on)
       VALUES ($1, $2, 'Ensam', 'Nord', $3, '2020-01-01') RETURNING id`,
      [world.municipalityId, world.northId, `ps-${randomUUID().slice(0, 8)}`],
    );
    expect(await list(loner[0]!.id)).toEqual([]);
  });

  it('marks a planned visit with the staff member’s own overlapping visit only', async () => {
    // Bo's visit and Anna's declined one do not mark Anna's morning visit.
    await visit(world.gunId, ids.otherStaff, '2026-03-02T06:35:00Z', '2026-03-02T06:50:00Z');
    await visit(world.gunId, world.staffId, '2026-03-02T06:20:00Z', '2026-03-02T06:25:00Z', 'declined');
    expect((await list())[0]).toMatchObject({ checkedInAt: null });
    // Her open check-in marks the morning window it overlaps up to now, not the lunch window.
    await visit(world.gunId, world.staffId, '2026-03-02T06:55:00Z', null);
    const open = await list();
    expect(open[0]).toMatchObject({ checkedInAt: new Date('2026-03-02T06:55:00Z'), checkedOutAt: null });
    expect(open[1]).toMatchObject({ checkedInAt: null });
    expect((await list(ids.otherStaff))[0]).toMatchObject({
      checkedInAt: new Date('2026-03-02T06:35:00Z'),
      checkedOutAt: new Date('2026-03-02T06:50:00Z'),
    });
  });

  it('marks the window nearest to a visit made before or after it: the open check-in shows on its card', async () => {
    const since = '2020-01-01T00:00:00Z';
    const customer = async (name: string) => {
      const id = await insertCustomer(name);
      await assign(world.teamId, id, since);
      return id;
    };
    const dora = await customer('Dora');
    const erik = await customer('Erik');
    const frida = await customer('Frida');
    const gosta = await customer('Gösta');
    await plan('DORA-MORNING', dora, world.northId, '2026-03-02T07:10:00Z', '2026-03-02T07:40:00Z');
    await plan('DORA-LUNCH', dora, world.northId, '2026-03-02T10:00:00Z', '2026-03-02T10:30:00Z');
    await plan('ERIK-EARLY', erik, world.northId, '2026-03-02T05:00:00Z', '2026-03-02T05:30:00Z');
    await plan('FRIDA-EARLY', frida, world.northId, '2026-03-02T05:00:00Z', '2026-03-02T05:30:00Z');
    await plan('GOSTA-MORNING', gosta, world.northId, '2026-03-02T06:30:00Z', '2026-03-02T07:30:00Z');
    // Checked in twelve minutes before Dora's morning window (now is 07:00Z), still there.
    await visit(dora, world.staffId, '2026-03-02T06:58:00Z', null);
    // Checked in at Erik's after his window ended, still there; at Frida's, late and done.
    await visit(erik, world.staffId, '2026-03-02T06:40:00Z', null);
    await visit(frida, world.staffId, '2026-03-02T05:45:00Z', '2026-03-02T06:10:00Z');
    // A check-in at Gösta's yesterday evening never checked out: no longer open for a check-out.
    await visit(gosta, world.staffId, '2026-03-01T18:00:00Z', null);

    const rows = new Map(
      (await list()).map((row) => [`${row.customerName} ${row.windowStart.toISOString()}`, row]),
    );
    expect(rows.get('Dora Kund 2026-03-02T07:10:00.000Z')).toMatchObject({
      checkedInAt: new Date('2026-03-02T06:58:00Z'),
      checkedOutAt: null,
    });
    expect(rows.get('Dora Kund 2026-03-02T10:00:00.000Z')).toMatchObject({ checkedInAt: null });
    expect(rows.get('Erik Kund 2026-03-02T05:00:00.000Z')).toMatchObject({
      checkedInAt: new Date('2026-03-02T06:40:00Z'),
      checkedOutAt: null,
    });
    expect(rows.get('Frida Kund 2026-03-02T05:00:00.000Z')).toMatchObject({
      checkedInAt: new Date('2026-03-02T05:45:00Z'),
      checkedOutAt: new Date('2026-03-02T06:10:00Z'),
    });
    expect(rows.get('Gösta Kund 2026-03-02T06:30:00.000Z')).toMatchObject({ checkedInAt: null });
  });

  it('shows the phone’s own check-out done although the door the phone opened keeps a lock visit open', async () => {
    const helga = await insertCustomer('Helga');
    const ivar = await insertCustomer('Ivar');
    for (const id of [helga, ivar]) await assign(world.teamId, id, '2020-01-01T00:00:00Z');
    await plan('HELGA-MORNING', helga, world.northId, '2026-03-02T06:30:00Z', '2026-03-02T07:00:00Z');
    await plan('IVAR-MORNING', ivar, world.northId, '2026-03-02T06:30:00Z', '2026-03-02T07:00:00Z');
    // At Helga's: checked in by phone, opened her door (a lock visit, open until the door is
    // opened again on leaving), checked out by phone.
    await visit(helga, world.staffId, '2026-03-02T06:35:00Z', '2026-03-02T06:50:00Z');
    await visit(helga, world.staffId, '2026-03-02T06:36:00Z', null, 'incomplete', 'lock');
    // At Ivar's: no check-in, only the door opened; the lock registers the visit.
    await visit(ivar, world.staffId, '2026-03-02T06:40:00Z', null, 'incomplete', 'lock');

    const rows = new Map((await list()).map((row) => [row.customerName, row]));
    expect(rows.get('Helga Kund')).toMatchObject({
      checkedInAt: new Date('2026-03-02T06:35:00Z'),
      checkedOutAt: new Date('2026-03-02T06:50:00Z'),
      checkedInBy: 'phone',
    });
    expect(rows.get('Ivar Kund')).toMatchObject({
      checkedInAt: new Date('2026-03-02T06:40:00Z'),
      checkedOutAt: null,
      checkedInBy: 'lock',
    });
  });
});
