// callUseCase on a bare Fastify app (no database): each input shape reaches the use case as the
// use case names it, beside the request's options, the scope of a declared permission and the
// route's extras. The actor is set by a stand-in for the authentication hook.
import { ErrorBody } from '@portvakt/contract';
import type { Actor, Scope } from '@portvakt/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callUseCase, inputFrom } from './call-use-case';
import { declareRoutes, type UseCaseCallOptions } from './declare-routes';
import { installErrorHandling } from './errors';
import { IdParams } from './schemas';

const id = '00000000-0000-4000-8000-00000000000a';
const now = new Date('2026-03-02T08:00:00Z');
const actor: Actor = {
  kind: 'user',
  id: 'u1',
  label: 'u1',
  role: 'work_lead',
  municipalityId: 'm1',
  providerId: '00000000-0000-4000-8000-000000000001',
  isReadOnly: false,
};
const Note = Type.Object({ text: Type.String() }, { additionalProperties: false });
let app: FastifyInstance;

/** A use case that answers what it was given, without the pool. */
async function echo<Input>(options: UseCaseCallOptions & { input: Input; scope?: Scope; tag?: string }) {
  const { db, ...given } = options;
  return { ...given, hasDb: db !== undefined };
}
const echoChange = (options: UseCaseCallOptions & { input: { id: string; change: { text: string } } }) =>
  echo(options);
const echoCustomer = (
  options: UseCaseCallOptions & { scope: Scope; input: { customerId: string }; tag: string },
) => echo(options);
const echoNote = (options: UseCaseCallOptions & { input: { text: string; noteId: string } }) => echo(options);
const echoNotes = (options: UseCaseCallOptions & { input: { q: string; noteId: string } }) => echo(options);

beforeAll(async () => {
  app = Fastify();
  app.addSchema(ErrorBody);
  installErrorHandling(app);
  app.addHook('onRequest', async (request) => {
    request.actor = actor;
  });
  const context = { pool: {} as UseCaseCallOptions['db'], now: () => now };
  const routes = declareRoutes(app, { tags: ['test'], context });
  routes.get('/things', {
    summary: 'Query',
    querystring: Type.Object({ q: Type.String() }, { additionalProperties: false }),
    handle: callUseCase(echo<{ q: string }>, inputFrom.query),
  });
  routes.post('/things', {
    summary: 'Body',
    body: Note,
    handle: callUseCase(echo<{ text: string }>, inputFrom.body),
  });
  routes.get('/things/:id', {
    summary: 'Params',
    params: IdParams,
    handle: callUseCase(echo<{ id: string }>, inputFrom.params),
  });
  routes.patch('/things/:id', {
    summary: 'Id with body',
    params: IdParams,
    body: Note,
    handle: callUseCase(echoChange, inputFrom.idWith('change')),
  });
  routes.get('/customers/:id', {
    summary: 'Id renamed, scope and extras',
    params: IdParams,
    permission: ['customer', 'read'],
    handle: callUseCase(echoCustomer, inputFrom.idAs('customerId'), { tag: 'extra' }),
  });
  routes.post('/notes/:id', {
    summary: 'Body with id',
    params: IdParams,
    body: Note,
    handle: callUseCase(echoNote, inputFrom.bodyWithId('noteId')),
  });
  routes.get('/notes/:id', {
    summary: 'Query with id',
    params: IdParams,
    querystring: Type.Object({ q: Type.String() }, { additionalProperties: false }),
    handle: callUseCase(echoNotes, inputFrom.queryWithId('noteId')),
  });
  routes.get('/mine', {
    summary: 'No input',
    handle: callUseCase(echo<undefined>, inputFrom.none),
  });
  routes.get('/mine/typed', {
    summary: 'No input for a use case that needs one: refused by the types',
    // @ts-expect-error the use case needs { q }, and no input is made from the request
    handle: callUseCase(echo<{ q: string }>, inputFrom.none),
  });
  await app.ready();
});
afterAll(async () => app?.close());

describe('callUseCase', () => {
  it('gives the use case the request options and the query, body or params as they are', async () => {
    const listed = await app.inject({ url: '/things?q=door' });
    expect(listed.json()).toMatchObject({ input: { q: 'door' }, actor, now: now.toISOString(), hasDb: true });
    expect(typeof listed.json().requestId).toBe('string');
    expect(listed.json()).not.toHaveProperty('scope');
    const created = await app.inject({ method: 'POST', url: '/things', payload: { text: 'hi' } });
    expect(created.json().input).toEqual({ text: 'hi' });
    const read = await app.inject({ url: `/things/${id}` });
    expect(read.json().input).toEqual({ id });
  });

  it('names the :id parameter and the body as the use case names them', async () => {
    const changed = await app.inject({ method: 'PATCH', url: `/things/${id}`, payload: { text: 'new' } });
    expect(changed.json().input).toEqual({ id, change: { text: 'new' } });
    const noted = await app.inject({ method: 'POST', url: `/notes/${id}`, payload: { text: 'n' } });
    expect(noted.json().input).toEqual({ text: 'n', noteId: id });
    const found = await app.inject({ url: `/notes/${id}?q=door` });
    expect(found.json().input).toEqual({ q: 'door', noteId: id });
  });

  it('adds the scope of a declared permission and the route’s extras', async () => {
    const response = await app.inject({ url: `/customers/${id}` });
    expect(response.json()).toMatchObject({
      input: { customerId: id },
      scope: { kind: 'provider' },
      tag: 'extra',
    });
  });

  it('gives a use case that takes no input the request options alone', async () => {
    const response = await app.inject({ url: '/mine?ignored=1' });
    expect(response.json()).toMatchObject({ actor, hasDb: true });
    expect(response.json()).not.toHaveProperty('input');
  });

  it('still validates before the use case runs', async () => {
    const response = await app.inject({ method: 'PATCH', url: `/things/${id}`, payload: {} });
    expect(response.statusCode).toBe(400);
  });
});
