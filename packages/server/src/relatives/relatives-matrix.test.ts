// Role × scope of the relatives' routes, written out by hand (not derived from core's policy, so
// a wrong policy fails here), and the relative role across every route of the OpenAPI document:
// a relative bound to customer A reaches its own two routes and gets 403 with no data from every
// other, even when the route is about its own customer (docs/relatives.md).
import { roles, type Role } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../platform/testing';
import { loginEveryRole, startTestWorld, type TestWorld } from '../platform/world.testing';
import { relativeReachableRoutes } from './relative-fence';
import { createRelative } from './relatives.testing';
import { relativeLinkRouteTemplates, relativeRouteTemplates } from '.';

const now = new Date('2026-11-10T12:00:00Z');
let t: TestWorld;
let clients: Record<Role, ApiClient>;

beforeAll(async () => {
  t = await startTestWorld({ now: () => now });
  clients = await loginEveryRole(t.server, t.municipalityId, t.world, t.admin);
  // The matrix's relative is a real one: invited for customer A and made through the link.
  clients.relative = (await createRelative(t.server.url, t.admin, t.world.customer.a, 'anhorig.a')).client;
}, 120_000);
afterAll(async () => t?.server.close());

// What each role gets, in scope (customer A, the work lead's provider A) and out of it (customer B
// of provider B): invite and withdraw, list invitations, the read log, the relative's own routes.
const inviters: Role[] = ['municipality_admin', 'work_lead'];
const logReaders: Role[] = ['municipality_admin', 'auditor', 'work_lead'];

describe('role × scope of the relatives’ routes', () => {
  it('covers every role', () => expect([...roles].sort()).toContain('relative'));

  it.each([...roles])('%s invites, lists and withdraws only in scope', async (role) => {
    const client = clients[role];
    const may = inviters.includes(role);
    const body = { relativeName: `Anhörig ${role}`, email: `${role}@example.se` };
    const own = await client.post(`/api/v1/customers/${t.world.customer.a}/relative-invitations`, body);
    expect(own.status).toBe(may ? 201 : 403);
    const other = await client.post(`/api/v1/customers/${t.world.customer.b}/relative-invitations`, body);
    expect(other.status).toBe(!may ? 403 : role === 'work_lead' ? 404 : 201);
    const list = await client.get(`/api/v1/customers/${t.world.customer.a}/relative-invitations`);
    expect(list.status).toBe(may ? 200 : 403);
    const otherList = await client.get(`/api/v1/customers/${t.world.customer.b}/relative-invitations`);
    expect(otherList.status).toBe(!may ? 403 : role === 'work_lead' ? 404 : 200);
    // Withdrawing an invitation made by the admin for each customer.
    for (const customerId of [t.world.customer.a, t.world.customer.b]) {
      const made = await t.admin.post(`/api/v1/customers/${customerId}/relative-invitations`, body);
      const withdrawn = await client.post(
        `/api/v1/relative-invitations/${made.body.invitation.id}/withdrawal`,
      );
      const isOwn = customerId === t.world.customer.a || role === 'municipality_admin';
      expect(withdrawn.status).toBe(!may ? 403 : isOwn ? 200 : 404);
      if (withdrawn.status !== 200) expect(Object.keys(withdrawn.body).sort()).toEqual(['code', 'message']);
    }
  });

  it.each([...roles])('%s reads the read log only in scope', async (role) => {
    const client = clients[role];
    const may = logReaders.includes(role);
    expect((await client.get(`/api/v1/customers/${t.world.customer.a}/relative-reads`)).status).toBe(
      may ? 200 : 403,
    );
    expect((await client.get(`/api/v1/customers/${t.world.customer.b}/relative-reads`)).status).toBe(
      !may ? 403 : role === 'work_lead' ? 404 : 200,
    );
  });

  it.each([...roles])('%s reaches the relative’s own routes only as that relative', async (role) => {
    const client = clients[role];
    const isRelative = role === 'relative';
    const customer = await client.get('/api/v1/relative/customer');
    expect(customer.status).toBe(isRelative ? 200 : 403);
    if (isRelative) expect(customer.body.id).toBe(t.world.customer.a);
    const own = await client.get(`/api/v1/relative/customers/${t.world.customer.a}/visits`);
    expect(own.status).toBe(isRelative ? 200 : 403);
    const other = await client.get(`/api/v1/relative/customers/${t.world.customer.b}/visits`);
    expect(other.status).toBe(isRelative ? 404 : 403);
    expect(Object.keys(other.body).sort()).toEqual(['code', 'message']);
    // Every account, a relative's too, keeps its own passkeys (docs/sign-in.md).
    expect((await client.get('/api/v1/passkeys')).status).toBe(200);
  });
});

describe('the relative in every route', () => {
  it('gets 403 with no data from every route but its own, whatever the input', async () => {
    const spec = (await new ApiClient(t.server.url).get('/api/v1/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const anonymous = new ApiClient(t.server.url);
    const publicRoutes: string[] = [];
    const answers: string[] = [];
    let checked = 0;
    for (const [template, methods] of Object.entries(spec.paths)) {
      for (const method of Object.keys(methods)) {
        const route = `${method.toUpperCase()} ${template}`;
        // The relative's own routes and what every account may do are tested above.
        if (relativeReachableRoutes.has(template.replace(/\{(\w+)\}/g, ':$1'))) continue;
        // Every path parameter is the relative's own customer: even about it, nothing else answers.
        const path = template.replace(/\{\w+\}/g, t.world.customer.a);
        const body = method === 'get' ? undefined : {};
        // Public routes (login, health, links whose token is the credential, signed device
        // requests, the passkey enrolment step's cookie) answer anyone alike, so a relative is no
        // one there: what needs a login is 401 `unauthenticated` without one.
        const unauthenticated = await anonymous.request(method.toUpperCase(), path, body);
        if (unauthenticated.status !== 401 || unauthenticated.body?.code !== 'unauthenticated') {
          publicRoutes.push(route);
          continue;
        }
        const response = await clients.relative.request(method.toUpperCase(), path, body);
        checked += 1;
        const keys =
          response.body && typeof response.body === 'object' ? Object.keys(response.body).sort() : [];
        if (response.status !== 403 || keys.join() !== 'code,message')
          answers.push(`${route} → ${response.status}`);
      }
    }
    expect(answers).toEqual([]);
    // The document lists far more than the relative's routes; a broken walk must not pass quietly.
    expect(checked).toBeGreaterThan(150);
    expect(publicRoutes.length).toBeLessThan(30);
    for (const route of relativeLinkRouteTemplates) expect(publicRoutes).toContain(route);
    for (const route of relativeRouteTemplates) expect(publicRoutes).not.toContain(route);
    // And the relative is still logged in and reads its own list after all that.
    expect(
      (await clients.relative.get(`/api/v1/relative/customers/${t.world.customer.a}/visits`)).status,
    ).toBe(200);
  });

  it('the public link routes are listed for the coverage test', () => {
    expect(relativeLinkRouteTemplates).toEqual([
      'GET /api/v1/relative-links/{token}',
      'POST /api/v1/relative-links/{token}/account',
    ]);
  });
});
