// The route declaration helper on a bare Fastify app: no database, the actor set by a stand-in
// for the authentication hook (header `x-role`; none: no actor).
import { ErrorBody } from '@portvakt/contract';
import type { Actor, Role } from '@portvakt/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from './context';
import { declareRoutes } from './declare-routes';
import { installErrorHandling } from './errors';
import { IdParams } from './schemas';

const providerId = '00000000-0000-4000-8000-000000000001';
const id = '00000000-0000-4000-8000-00000000000a';
let app: FastifyInstance;
const calls: string[] = [];
const declared: { method: unknown; url: string; schema: unknown }[] = [];

// The handlers here never touch the database: a stand-in pool, compared by identity only.
const pool = {} as AppContext['pool'];
const instant = new Date('2026-03-02T08:00:00.000Z');
const context = { pool, now: () => instant };

function actorOf(role: Role): Actor {
  return { kind: 'user', id: 'u1', label: 'u1', role, municipalityId: 'm1', providerId, isReadOnly: false };
}

beforeAll(async () => {
  app = Fastify();
  app.addSchema(ErrorBody);
  installErrorHandling(app);
  app.addHook('onRoute', ({ method, url, schema }) => void declared.push({ method, url, schema }));
  app.addHook('onRequest', async (request) => {
    const role = request.headers['x-role'];
    request.actor = typeof role === 'string' ? actorOf(role as Role) : undefined;
  });
  const routes = declareRoutes(app, { tags: ['test'], context });
  routes.get('/things/:id', {
    summary: 'Read a thing',
    params: IdParams,
    querystring: Type.Object({ size: Type.Optional(Type.Integer()) }, { additionalProperties: false }),
    response: Type.Object({ id: Type.String(), size: Type.Integer(), scope: Type.String() }),
    permission: ['device_event', 'read'],
    handle: async ({ request, actor, scope }) => {
      calls.push(actor.role);
      return { id: request.params.id, size: request.query.size ?? 0, scope: scope.kind };
    },
  });
  routes.post('/things', {
    summary: 'Create a thing',
    body: Type.Object({ name: Type.String() }, { additionalProperties: false }),
    response: Type.Object({ name: Type.String() }),
    status: 201,
    handle: async ({ request }) => ({ name: request.body.name }),
  });
  routes.delete('/things/:id', {
    summary: 'Delete a thing',
    params: IdParams,
    response: Type.Null(),
    status: 204,
    permission: ['user_account', 'delete'],
    handle: async () => undefined,
  });
  routes.put('/things/:id', {
    summary: 'Refuse with a header',
    status: 201,
    handle: async ({ reply }) => reply.status(429).header('retry-after', '60').send({ code: 'slow' }),
  });
  declareRoutes(app, { tags: ['test'], context, pathParams: 'uuid' }).get('/things/:id/parts/:partId', {
    summary: 'Read a part',
    handle: async ({ request }) => ({ id: request.params.id, partId: request.params.partId }),
  });
  routes.get('/options', {
    summary: 'The use case options of the request',
    handle: async ({ request, options }) => ({
      isContextPool: options.db === pool,
      role: options.actor.role,
      isRequestId: options.requestId === request.id,
      now: options.now.toISOString(),
    }),
  });
  await app.ready();
});
afterAll(async () => app?.close());

describe('declareRoutes', () => {
  it('hands the handler the validated input, the actor and the scope of its permission', async () => {
    const response = await app.inject({
      url: `/things/${id}?size=3`,
      headers: { 'x-role': 'work_lead' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ id, size: 3, scope: 'provider' });
  });

  it('refuses a role without the permission with 403 before the handler runs', async () => {
    calls.length = 0;
    const response = await app.inject({ url: `/things/${id}`, headers: { 'x-role': 'staff' } });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('forbidden');
    expect(calls).toEqual([]);
  });

  it('validates the input before anything else', async () => {
    const response = await app.inject({ url: '/things/not-a-uuid', headers: { 'x-role': 'work_lead' } });
    expect(response.statusCode).toBe(400);
  });

  it('never reaches the handler without an actor', async () => {
    calls.length = 0;
    const response = await app.inject({ url: `/things/${id}` });
    expect(response.statusCode).toBe(500);
    expect(calls).toEqual([]);
  });

  it('answers with the declared success status', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/things',
      headers: { 'x-role': 'staff' },
      payload: { name: 'door' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ name: 'door' });
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/things/${id}`,
      headers: { 'x-role': 'municipality_admin' },
    });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
  });

  it('keeps the status and headers of a reply the handler sent itself', async () => {
    const response = await app.inject({
      method: 'PUT',
      url: `/things/${id}`,
      headers: { 'x-role': 'staff' },
    });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('60');
  });

  it('makes the params of a group with uuid path parameters from the URL', async () => {
    const partId = '00000000-0000-4000-8000-00000000000b';
    const read = await app.inject({ url: `/things/${id}/parts/${partId}`, headers: { 'x-role': 'staff' } });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ id, partId });
    const refused = await app.inject({ url: `/things/${id}/parts/part-1`, headers: { 'x-role': 'staff' } });
    expect(refused.statusCode).toBe(400);
    const part = declared.find(
      (route) => route.url === '/things/:id/parts/:partId' && route.method === 'GET',
    );
    expect(part?.schema).toMatchObject({
      params: Type.Object({ id: Type.String({ format: 'uuid' }), partId: Type.String({ format: 'uuid' }) }),
    });
  });

  it("hands the handler the use case options: the context's pool and clock, the actor and the request id", async () => {
    const response = await app.inject({ url: '/options', headers: { 'x-role': 'work_lead' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      isContextPool: true,
      role: 'work_lead',
      isRequestId: true,
      now: '2026-03-02T08:00:00.000Z',
    });
  });

  it('declares tags, summary, inputs and the success answer beside the error answers', () => {
    const [read, create, remove, refuse] = declared.filter((route) => route.method !== 'HEAD');
    expect(read).toMatchObject({
      method: 'GET',
      schema: { tags: ['test'], summary: 'Read a thing', params: IdParams },
    });
    expect(Object.keys((read?.schema as { response: object }).response)).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
      '422',
    ]);
    expect(Object.keys((create?.schema as { response: object }).response)).toContain('201');
    expect(Object.keys((remove?.schema as { response: object }).response)).toContain('204');
    // Without a response schema none is declared, not even the error answers.
    expect(Object.keys(refuse?.schema as object)).toEqual(['tags', 'summary']);
  });
});

describe('query parameters', () => {
  it('refuses to declare a route whose query schema would ignore parameters it does not know', () => {
    const routes = declareRoutes(Fastify(), { tags: ['test'], context });
    expect(() =>
      routes.get('/open', {
        summary: 'An open query',
        querystring: Type.Object({ size: Type.Optional(Type.Integer()) }),
        handle: async () => ({}),
      }),
    ).toThrow('GET /open: its querystring schema must say additionalProperties: false');
  });
});
