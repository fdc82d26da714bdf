// The device gateway refuses everything that is not an enrolled device speaking for itself:
// unsigned or forged requests, replays, stale clocks, revoked devices, keys of another
// municipality, too many wrong PINs and reset codes. Enrolment and PIN resets keep to scope.
import { HardwareKey, HttpIssuerGateway, systemWorldClock } from '@portvakt/devices';
import { generateSigningKeyPair, uuidToBytes } from '@portvakt/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, enrolDevice } from './devices.testing';
import {
  ApiClient,
  createMunicipality,
  createUser,
  startTestMunicipality,
  testPassword,
  type TestServer,
} from '@portvakt/server/testing';

let server: TestServer;
let lockManager: ApiClient;
let workLeadA: ApiClient;
let workLeadB: ApiClient;
let providerA: string;
let providerB: string;
let staffA: string;
let box: { id: string; gateway: HttpIssuerGateway; privateKey: CryptoKey };

const create = createRecord;
const enrol = enrolDevice;

let keyCounter = 0;
async function newKey(
  client: ApiClient,
  providerId: string,
  holder: string,
): Promise<{ id: string; key: HardwareKey }> {
  keyCounter += 1;
  const id = await create(client, 'keys', {
    providerId,
    kind: 'hardware_key',
    serial: `PV-G-${keyCounter}-${Date.now()}`,
    holderStaffMemberId: holder,
  });
  const { response, keyPair } = await enrol(client, { kind: 'key', keyId: id });
  expect(response.status).toBe(201);
  const key = new HardwareKey({ deviceId: uuidToBytes(id), keyPair, world: systemWorldClock });
  await key.setPin('2468');
  await key.activateWithPin('2468');
  return { id, key };
}

beforeAll(async () => {
  const started = await startTestMunicipality();
  ({ server } = started);
  const { admin, login } = started;
  lockManager = await login('lock_manager');
  providerA = await create(admin, 'providers', {
    name: 'A',
    ownership: 'municipal',
    kinds: ['day_home_care'],
  });
  providerB = await create(admin, 'providers', { name: 'B', ownership: 'private', kinds: ['day_home_care'] });
  workLeadA = await login('work_lead', { providerId: providerA });
  workLeadB = await login('work_lead', { providerId: providerB });
  staffA = await create(workLeadA, 'staff', {
    providerId: providerA,
    givenName: 'A',
    familyName: 'A',
    employmentStartsOn: '2026-01-01',
  });
  const enrolled = await enrol(lockManager, { kind: 'activation_box', label: 'Box' });
  const id = enrolled.response.body.enrolment.id as string;
  box = {
    id,
    privateKey: enrolled.keyPair.privateKey,
    gateway: new HttpIssuerGateway({
      baseUrl: server.url,
      deviceId: id,
      privateKey: enrolled.keyPair.privateKey,
    }),
  };
}, 60_000);
afterAll(async () => server?.close());

const activationBody = async (key: HardwareKey, pin = '2468') => ({
  request: Buffer.from(await key.createActivationRequest()).toString('base64url'),
  pin,
});

describe('device authentication', () => {
  it('refuses an unsigned request', async () => {
    const { key } = await newKey(workLeadA, providerA, staffA);
    const response = await new ApiClient(server.url).post(
      '/api/v1/device/activate',
      await activationBody(key),
    );
    expect(response.status).toBe(401);
  });

  it('refuses a request signed by a key the box did not enrol with', async () => {
    const { key } = await newKey(workLeadA, providerA, staffA);
    const impostor = new HttpIssuerGateway({
      baseUrl: server.url,
      deviceId: box.id,
      privateKey: (await generateSigningKeyPair()).privateKey,
    });
    await expect(
      impostor.activate({
        request: await key.createActivationRequest(),
        pin: '2468',
        boxId: uuidToBytes(box.id),
      }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('Bad device signature'),
    });
  });

  it('refuses a request whose device clock is far off', async () => {
    const { key } = await newKey(workLeadA, providerA, staffA);
    const late = new HttpIssuerGateway({
      baseUrl: server.url,
      deviceId: box.id,
      privateKey: box.privateKey,
      now: () => Math.floor(Date.now() / 1000) - 3600,
    });
    await expect(
      late.activate({
        request: await key.createActivationRequest(),
        pin: '2468',
        boxId: uuidToBytes(box.id),
      }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('clock'),
    });
  });

  it('refuses a replayed key request even through a genuine box', async () => {
    const { id, key } = await newKey(workLeadA, providerA, staffA);
    const code = (await workLeadA.post(`/api/v1/keys/${id}/pin-reset`)).body.code as string;
    const request = await key.createActivationRequest();
    await box.gateway.setPin({ request, code, pin: '2468' });
    await expect(
      box.gateway.activate({ request, pin: '2468', boxId: uuidToBytes(box.id) }),
    ).rejects.toMatchObject({ reason: 'stale-challenge' });
  });

  it('refuses a revoked box', async () => {
    const enrolled = await enrol(lockManager, { kind: 'activation_box', label: 'Gammal box' });
    const id = enrolled.response.body.enrolment.id as string;
    expect((await lockManager.delete(`/api/v1/devices/${id}`)).status).toBe(204);
    const gateway = new HttpIssuerGateway({
      baseUrl: server.url,
      deviceId: id,
      privateKey: enrolled.keyPair.privateKey,
    });
    const { key } = await newKey(workLeadA, providerA, staffA);
    await expect(
      gateway.activate({ request: await key.createActivationRequest(), pin: '2468', boxId: uuidToBytes(id) }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('Unknown or revoked'),
    });
  });

  it('refuses a key of another municipality at this municipality’s box', async () => {
    const otherMunicipality = await createMunicipality(server.db.pool);
    const otherAdmin = await new ApiClient(server.url).login(
      await createUser(server.db.pool, otherMunicipality, 'municipality_admin'),
      testPassword,
    );
    const provider = await create(otherAdmin, 'providers', {
      name: 'X',
      ownership: 'private',
      kinds: ['day_home_care'],
    });
    const staff = await create(otherAdmin, 'staff', {
      providerId: provider,
      givenName: 'X',
      familyName: 'X',
      employmentStartsOn: '2026-01-01',
    });
    const { key } = await newKey(otherAdmin, provider, staff);
    await expect(
      box.gateway.activate({
        request: await key.createActivationRequest(),
        pin: '2468',
        boxId: uuidToBytes(box.id),
      }),
    ).rejects.toMatchObject({
      reason: 'key-mismatch',
    });
  });
});

describe('PINs at the server', () => {
  it('are set only with the work lead’s one-time code, which three wrong tries burn', async () => {
    const { id, key } = await newKey(workLeadA, providerA, staffA);
    const code = (await workLeadA.post(`/api/v1/keys/${id}/pin-reset`)).body.code as string;
    for (const wrong of ['00000000', '11111111', '22222222']) {
      await expect(
        box.gateway.setPin({ request: await key.createActivationRequest(), code: wrong, pin: '2468' }),
      ).rejects.toMatchObject({ reason: 'wrong-pin' });
    }
    await expect(
      box.gateway.setPin({ request: await key.createActivationRequest(), code, pin: '2468' }),
    ).rejects.toMatchObject({ reason: 'wrong-pin' });
    const { rows } = await server.db.pool.query(
      'SELECT pin_verifier FROM key_credential WHERE digital_key_id = $1',
      [id],
    );
    expect(rows[0]?.pin_verifier ?? null).toBeNull();
  });

  it('are stored only as a verifier and locked after five wrong tries', async () => {
    const { id, key } = await newKey(workLeadA, providerA, staffA);
    const code = (await workLeadA.post(`/api/v1/keys/${id}/pin-reset`)).body.code as string;
    await box.gateway.setPin({ request: await key.createActivationRequest(), code, pin: '2468' });
    const { rows } = await server.db.pool.query<{ pin_verifier: string }>(
      'SELECT pin_verifier FROM key_credential WHERE digital_key_id = $1',
      [id],
    );
    expect(rows[0]!.pin_verifier).toMatch(/^hmac-sha256\$/);
    expect(rows[0]!.pin_verifier).not.toContain('2468');
    const reasons: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      try {
        await box.gateway.activate({
          request: await key.createActivationRequest(),
          pin: '9999',
          boxId: uuidToBytes(box.id),
        });
      } catch (error) {
        reasons.push((error as { reason: string }).reason);
      }
    }
    expect(reasons).toEqual([
      'wrong-pin',
      'wrong-pin',
      'wrong-pin',
      'wrong-pin',
      'pin-locked-out',
      'pin-locked-out',
    ]);
    // Even the right PIN is refused until the work lead resets it.
    await expect(
      box.gateway.activate({
        request: await key.createActivationRequest(),
        pin: '2468',
        boxId: uuidToBytes(box.id),
      }),
    ).rejects.toMatchObject({
      reason: 'pin-locked-out',
    });
  });
});

describe('enrolment and resets keep to scope', () => {
  it('a work lead enrols only their provider’s keys, never locks or boxes', async () => {
    const keyB = await create(workLeadB, 'keys', {
      providerId: providerB,
      kind: 'hardware_key',
      serial: `PV-GB-${Date.now()}`,
    });
    expect((await enrol(workLeadA, { kind: 'key', keyId: keyB })).response.status).toBe(422);
    expect((await enrol(workLeadA, { kind: 'activation_box' })).response.status).toBe(403);
    expect((await workLeadA.post(`/api/v1/keys/${keyB}/pin-reset`)).status).toBe(404);
    const listed = await workLeadA.get('/api/v1/devices');
    expect(
      listed.body.items.every((item: { digitalKeyId: string | null }) => item.digitalKeyId !== keyB),
    ).toBe(true);
  });

  it('refuses a public key that is not a P-256 point', async () => {
    const response = await lockManager.post('/api/v1/devices', {
      kind: 'activation_box',
      publicJwk: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid_public_key');
  });
});
