// A customer row carries the street address of the customer's home (`residenceAddress`), so a work
// lead, who may not read properties, finds a customer by address ("Vecka per kund"). Only on rows the
// reader may read: another provider's customers, and so their addresses, stay out of a work
// lead's answers.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import type { World } from '../platform/world.testing';
import { addressB, startTwoAddressWorld } from '../platform/two-addresses.testing';

let server: TestServer;
let admin: ApiClient;
let workLeadA: ApiClient;
let world: World;

beforeAll(async () => {
  ({ server, admin, world, workLeadA } = await startTwoAddressWorld());
});
afterAll(async () => server?.close());

describe('a customer’s home address on the customer row', () => {
  it('gives a work lead the address of their provider’s customers in the list and on the row', async () => {
    expect((await workLeadA.get(`/api/v1/properties/${world.property.a}`)).status).toBe(403);
    const list = await workLeadA.get('/api/v1/customers?limit=100');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: world.customer.a, residenceAddress: 'Storgatan 1' }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(addressB);
    const row = await workLeadA.get(`/api/v1/customers/${world.customer.a}`);
    expect(row.body.residenceAddress).toBe('Storgatan 1');
  });

  it('answers a work lead’s read of another provider’s customer like an unknown one, without its address', async () => {
    const hidden = await workLeadA.get(`/api/v1/customers/${world.customer.b}`);
    const unknown = await workLeadA.get(`/api/v1/customers/${randomUUID()}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(unknown.body);
    expect(JSON.stringify(hidden.body)).not.toContain(addressB);
  });

  it('says null for a customer without a home on record, and gives the admin every address', async () => {
    const created = await admin.post('/api/v1/customers', {
      districtId: world.district.a,
      givenName: 'Utan',
      familyName: 'Bostad',
    });
    expect(created.status).toBe(201);
    expect((await admin.get(`/api/v1/customers/${created.body.id}`)).body.residenceAddress).toBeNull();
    const b = await admin.get(`/api/v1/customers/${world.customer.b}`);
    expect(b.body.residenceAddress).toBe(addressB);
  });

  it('finds a customer by the home’s street address and apartment, only among the reader’s own', async () => {
    const idsOf = (body: { items: Array<{ id: string }> }) => body.items.map((row) => row.id);
    const apartment = `Lgh ${randomUUID().slice(0, 4)}`;
    expect((await admin.patch(`/api/v1/customers/${world.customer.a}`, { apartment })).status).toBe(200);
    expect(idsOf((await workLeadA.get('/api/v1/customers?q=storgatan')).body)).toEqual([world.customer.a]);
    expect(
      idsOf(
        (await workLeadA.get(`/api/v1/customers?q=${encodeURIComponent(`Storgatan ${apartment}`)}`)).body,
      ),
    ).toEqual([world.customer.a]);
    // Every word must match: the name and the street together narrow, a wrong street finds none.
    expect(idsOf((await workLeadA.get('/api/v1/customers?q=Berg%20Storgatan')).body)).toEqual([
      world.customer.a,
    ]);
    expect((await workLeadA.get('/api/v1/customers?q=Berg%20Kyrkv%C3%A4gen')).body.items).toEqual([]);
    // Provider B's customer lives at addressB: the work lead of A finds nobody there, the admin does.
    expect((await workLeadA.get(`/api/v1/customers?q=${encodeURIComponent(addressB)}`)).body.items).toEqual(
      [],
    );
    expect(idsOf((await admin.get(`/api/v1/customers?q=${encodeURIComponent(addressB)}`)).body)).toEqual([
      world.customer.b,
    ]);
  });
});
