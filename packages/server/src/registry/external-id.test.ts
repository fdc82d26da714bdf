// The care system's own id (`externalId`, docs/imports.md "Matching") on the registry rows an
// import brings in, so an integration (a receiver of `emergency.opened {customerId}`) can map
// Portvakt's ids back to its own: on the row, in lists and exports, filterable and found by `q`,
// read-only, and seen exactly where the row is (a work lead only on their provider's rows).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@portvakt/core';
import type { ApiClient } from '../platform/testing';
import { loginEveryRole, startTestWorld, type TestWorld } from '../platform/world.testing';

let tw: TestWorld;
let clients: Record<Role, ApiClient>;

/** The ids an import stored, on the world's rows (the import writes `external_id` as it creates them). */
const careSystemIds = {
  customer: { a: 'K1', b: 'K2' },
  staff_member: { a: 'P1', b: 'P2' },
  provider: { a: 'U1', b: 'U2' },
  team: { a: 'T1', b: 'T2' },
  customer_service: { a: 'I1', b: 'I2' },
  team_membership: { a: 'M1', b: 'M2' },
  team_customer: { a: 'A1', b: 'A2' },
} as const;

beforeAll(async () => {
  tw = await startTestWorld();
  clients = await loginEveryRole(tw.server, tw.municipalityId, tw.world, tw.admin);
  const ids = {
    customer: tw.world.customer,
    staff_member: tw.world.staffMember,
    provider: tw.world.provider,
    team: tw.world.team,
    customer_service: tw.world.customerService,
    team_membership: tw.world.teamMembership,
    team_customer: tw.world.teamCustomer,
  };
  for (const [table, bySide] of Object.entries(careSystemIds))
    for (const side of ['a', 'b'] as const)
      await tw.server.db.pool.query(`UPDATE ${table} SET external_id = $1 WHERE id = $2`, [
        bySide[side],
        ids[table as keyof typeof ids][side],
      ]);
}, 120_000);

afterAll(async () => tw?.server.close());

const idsOf = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

describe('the care system’s id on registry rows', () => {
  it('is on the row, in the list, filterable and found by free text', async () => {
    const row = await tw.admin.get(`/api/v1/customers/${tw.world.customer.a}`);
    expect(row.status).toBe(200);
    expect(row.body.externalId).toBe('K1');
    const filtered = await tw.admin.get('/api/v1/customers?externalId=K1');
    expect(filtered.status).toBe(200);
    expect(idsOf(filtered.body)).toEqual([tw.world.customer.a]);
    const searched = await tw.admin.get('/api/v1/customers?q=K1');
    expect(idsOf(searched.body)).toEqual([tw.world.customer.a]);
    // Every kind the import brings in, each by its own id.
    for (const [path, id, externalId] of [
      ['staff', tw.world.staffMember.a, 'P1'],
      ['providers', tw.world.provider.a, 'U1'],
      ['teams', tw.world.team.a, 'T1'],
      ['customer-services', tw.world.customerService.a, 'I1'],
      ['team-memberships', tw.world.teamMembership.a, 'M1'],
      ['team-customers', tw.world.teamCustomer.a, 'A1'],
    ] as const) {
      const list = await tw.admin.get(`/api/v1/${path}?externalId=${externalId}`);
      expect(list.status, path).toBe(200);
      expect(idsOf(list.body), path).toEqual([id]);
      expect(list.body.items[0].externalId, path).toBe(externalId);
      expect((await tw.admin.get(`/api/v1/${path}/${id}`)).body.externalId, path).toBe(externalId);
    }
    for (const [path, externalId] of [
      ['staff', 'P2'],
      ['providers', 'U2'],
      ['teams', 'T2'],
    ] as const)
      expect((await tw.admin.get(`/api/v1/${path}?q=${externalId}`)).body.items, path).toEqual([
        expect.objectContaining({ externalId }),
      ]);
    // A row typed in by hand has none.
    const byHand = await tw.admin.post('/api/v1/customers', {
      districtId: tw.world.district.a,
      givenName: 'Greta',
      familyName: 'Handskriven',
    });
    expect(byHand.status).toBe(201);
    expect(byHand.body.externalId).toBeNull();
  });

  it('is read-only: a create or change naming it is refused and changes nothing', async () => {
    const made = await tw.admin.post('/api/v1/customers', {
      districtId: tw.world.district.a,
      givenName: 'Greta',
      familyName: 'Egen',
      externalId: 'K9',
    });
    expect(made).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    const changed = await tw.admin.patch(`/api/v1/customers/${tw.world.customer.a}`, { externalId: 'K9' });
    expect(changed).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect((await tw.admin.get(`/api/v1/customers/${tw.world.customer.a}`)).body.externalId).toBe('K1');
  });

  it('is seen only on rows the reader sees: a work lead finds their customer, never another provider’s', async () => {
    const lead = clients.work_lead;
    const list = await lead.get('/api/v1/customers?limit=100');
    expect(list.body.items).toEqual([expect.objectContaining({ id: tw.world.customer.a, externalId: 'K1' })]);
    expect(JSON.stringify(list.body)).not.toContain('"K2"');
    expect((await lead.get('/api/v1/customers?externalId=K2')).body.items).toEqual([]);
    expect((await lead.get('/api/v1/customers?q=K2')).body.items).toEqual([]);
    expect((await lead.get(`/api/v1/customers/${tw.world.customer.b}`)).status).toBe(404);
    expect(idsOf((await lead.get('/api/v1/staff?externalId=P1')).body)).toEqual([tw.world.staffMember.a]);
    expect((await lead.get('/api/v1/staff?externalId=P2')).body.items).toEqual([]);
    // A staff member sees their own row's id, and no one else's.
    expect((await clients.staff.get(`/api/v1/staff/${tw.world.staffMember.a}`)).body.externalId).toBe('P1');
    expect((await clients.staff.get('/api/v1/staff?externalId=P2')).body.items).toEqual([]);
  });

  it('is in the registry export, CSV and JSON, as far as the reader’s rows go', async () => {
    const csv = await clients.work_lead.get('/api/v1/exports/registry?format=csv&kind=customers');
    expect(csv.status).toBe(200);
    const [header, ...lines] = String(csv.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    const column = header!.split(/[;,]/).indexOf('externalId');
    expect(column).toBeGreaterThan(-1);
    expect(lines.map((line) => line.split(/[;,]/)[column])).toEqual(['K1']);
    const json = await tw.admin.get('/api/v1/exports/registry?format=json');
    expect(json.status).toBe(200);
    const body = typeof json.body === 'string' ? JSON.parse(json.body) : json.body;
    const exported = (body.customers as { id: string; externalId: string | null }[]).find(
      (customer) => customer.id === tw.world.customer.b,
    );
    expect(exported?.externalId).toBe('K2');
    expect(
      (body.staff as { id: string; externalId: string | null }[]).find(
        (staff) => staff.id === tw.world.staffMember.a,
      )?.externalId,
    ).toBe('P1');
  });
});
