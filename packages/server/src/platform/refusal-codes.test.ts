// One code, one status (docs/api.md "Errors"): what is wrong with the request's shape is 400
// validation_failed with `details` naming each field as the schema's own refusals do, even where a
// use case checks it; a refusal about the state of things or about who asks is a 422 with a code
// of its own. Each refusal here changes nothing: every table's row count is compared. A missing
// body is `{}` on a route whose fields are all optional.
import { countEveryTable } from '@portvakt/storage/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from './testing';
import { createBody, startTestWorld, type World } from './world.testing';

let server: TestServer;
let admin: ApiClient;
let world: World;

/** A P-256 public key, as devices enrol with (any valid point will do). */
const publicJwk = {
  kty: 'EC',
  crv: 'P-256',
  x: 'WKn-ZIGevcwGIyyrzFoZNBdaq9_TsqzGl96oc0CWuis',
  y: 'y77t-RvAHRKTsSGdIYUfweuOvwrvDD-Q3Hv5J0fSKbE',
};

const countRows = () => countEveryTable(server.db.pool);

beforeAll(async () => {
  ({ server, admin, world } = await startTestWorld());
});
afterAll(async () => server?.close());

describe('refusals: the request’s shape is 400 validation_failed, the state of things its own 422', () => {
  let snapshot: Record<string, number>;
  beforeEach(async () => {
    snapshot = await countRows();
  });
  afterEach(async () => {
    expect(await countRows()).toEqual(snapshot);
  });

  it('a target door on a work order that is not a move is the body’s shape: 400 at the field', async () => {
    const response = await admin.post('/api/v1/work-orders', {
      kind: 'install',
      doorId: world.door.a,
      targetDoorId: world.door.b,
    });
    expect([response.status, response.body.code]).toEqual([400, 'validation_failed']);
    expect(response.body.details).toEqual([
      {
        field: 'body.targetDoorId',
        problem: 'not',
        message: 'must be left out: only a move has a target door',
      },
    ]);
    expect(response.body.message).toBe(
      'The request is not valid: body.targetDoorId must be left out: only a move has a target door.',
    );
  });

  it('a key cabinet enrolled without its id, or with another kind’s, is the body’s shape: 400 per field', async () => {
    const withoutId = await admin.post('/api/v1/devices', { kind: 'key_cabinet', publicJwk });
    expect([withoutId.status, withoutId.body.code]).toEqual([400, 'validation_failed']);
    expect(withoutId.body.details).toEqual([
      { field: 'body.keyCabinetId', problem: 'required', message: 'is required for a key cabinet' },
    ]);
    const withLock = await admin.post('/api/v1/devices', {
      kind: 'key_cabinet',
      publicJwk,
      lockId: world.lockDevice.a,
      keyId: world.digitalKey.a,
    });
    expect([withLock.status, withLock.body.code]).toEqual([400, 'validation_failed']);
    expect(withLock.body.details.map((detail: { field: string; problem: string }) => detail)).toMatchObject([
      { field: 'body.keyCabinetId', problem: 'required' },
      { field: 'body.lockId', problem: 'not' },
      { field: 'body.keyId', problem: 'not' },
    ]);
  });

  it('the first identity provider configuration without a secret is 422 client_secret_required', async () => {
    const response = await admin.put('/api/v1/oidc/config', {
      issuerUrl: 'https://idp.example.se',
      clientId: 'portvakt',
      matchClaim: 'email',
      isEnabled: false,
    });
    expect([response.status, response.body.code]).toEqual([422, 'client_secret_required']);
    expect(response.body.details).toEqual({ field: 'clientSecret' });
    expect((await admin.get('/api/v1/oidc/config')).status).toBe(404);
  });

  it('a write or audit for a provider by someone who sees several, naming none, is 422 provider_required', async () => {
    const cabinet = await admin.post('/api/v1/key-cabinets', { name: 'Skåp utan utförare', slotCount: 4 });
    const backupKey = await admin.post('/api/v1/backup-keys', {
      customerId: world.customer.a,
      doorId: world.door.a,
      safeName: 'Kassaskåpet',
      receivedOn: '2026-03-02',
    });
    const plan = await admin.post('/api/v1/deviation-plans', { body: 'Plan', validFrom: '2027-03-01' });
    const audit = await admin.get(
      '/api/v1/event-reports/provider-audit?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z',
    );
    const confirmation = await admin.post('/api/v1/visit-exceptions/confirmations', {
      key: 'long:00000000-0000-4000-8000-000000000000',
      at: '2026-03-02T08:00:00Z',
      reason: 'Besöket var långt',
    });
    for (const response of [cabinet, backupKey, plan, audit, confirmation]) {
      expect([response.status, response.body.code]).toEqual([422, 'provider_required']);
      expect(response.body.details).toEqual({ field: 'providerId' });
      expect(response.body.message.length).toBeGreaterThan(0);
    }
  });
});

describe('a missing body on a route whose fields are all optional', () => {
  const emptyJson = { raw: { contentType: 'application/json', data: '' } };

  it('is refused exactly as `{}` is, and changes nothing', async () => {
    const before = await countRows();
    // The lock is on a customer's way in: without `force` every form of no body is the same 409.
    const dismount = `/api/v1/locks/${world.lockDevice.a}/dismount`;
    const answers = [
      await admin.request('POST', dismount, {}),
      await admin.request('POST', dismount),
      await admin.request('POST', dismount, undefined, emptyJson),
    ];
    for (const answer of answers)
      expect([answer.status, answer.body.code]).toEqual([409, 'lock_on_access_path']);
    expect(answers[1]!.body).toEqual(answers[0]!.body);
    expect(answers[2]!.body).toEqual(answers[0]!.body);
    expect(await countRows()).toEqual(before);
  });

  it('is taken as `{}`, its defaults included, sent without bytes or as empty JSON', async () => {
    for (const send of [
      (path: string) => admin.request('POST', path, {}),
      (path: string) => admin.request('POST', path),
      (path: string) => admin.request('POST', path, undefined, emptyJson),
    ]) {
      const door = (await admin.post('/api/v1/doors', createBody(world, 'doors', 'a'))).body.id as string;
      const lock = await admin.post('/api/v1/locks', {
        lockType: 'cylinder_ring',
        serial: `PV-MB-${door.slice(0, 8)}`,
        status: 'installed',
        doorId: door,
      });
      expect(lock.status).toBe(201);
      const answer = await send(`/api/v1/locks/${lock.body.id}/dismount`);
      expect([answer.status, answer.body.lock.status, answer.body.lock.doorId]).toEqual([
        200,
        'removed',
        null,
      ]);
    }
  });
});
