// Issue #9 item 2 (F2): concurrent activations froze the server. Twelve simultaneous activations
// each held a transaction connection and asked the same pool for another, so none completed and
// `GET /health` hung until restart. Here 64 simulated keys activate at once over real HTTP on
// the real server (a 5-connection pool), then activate and sync at once, while /health is asked
// again and again: every request completes and succeeds, and /health answers throughout.
import {
  ActivationBox,
  HardwareKey,
  HttpIssuerGateway,
  IssuerUnreachableError,
  Lock,
  SyncStation,
  systemWorldClock,
} from '@portvakt/devices';
import { uuidToBytes } from '@portvakt/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, enrolDevice, ringFromEnrolment } from './devices.testing';
import { ApiClient, startTestMunicipality, type TestServer } from '@portvakt/server/testing';

const keyCount = 64;

let server: TestServer;
let box: ActivationBox;
let boxGateway: HttpIssuerGateway;
let station: SyncStation;
let entrance: Lock;
const keys: Array<{ id: string; key: HardwareKey; pin: string }> = [];

/** Runs `work` for 0…count-1, at most `width` at a time (setup only; the test itself is all at once). */
async function inBatches(count: number, width: number, work: (i: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < count; start += width)
    await Promise.all(
      Array.from({ length: Math.min(width, count - start) }, (_, offset) => work(start + offset)),
    );
}

/**
 * Setup on a loaded machine: a 503 `database_busy` (every pooled connection stayed busy for the
 * pool's timeout) is answered as a client should, by trying again after its Retry-After.
 */
async function retryWhileBusy<T extends { response: { status: number } } | { status: number }>(
  send: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const result = await send();
    const status = 'response' in result ? result.response.status : result.status;
    if (status !== 503 || attempt === 5) return result;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/**
 * createRecord for the setup's batches, asked again while the server answers 503 database_busy
 * (its pool wait ran out before any write, so nothing was made): a loaded CI machine is not what
 * the setup is about.
 */
async function createRecordWhileBusy(client: ApiClient, path: string, body: Record<string, unknown>) {
  const response = await retryWhileBusy(() => client.post(`/api/v1/${path}`, body));
  if (response.status !== 201)
    throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

/** Asks /health over and over until `done` settles; returns every status it got. */
async function pollHealth(done: Promise<unknown>): Promise<number[]> {
  const statuses: number[] = [];
  let isDone = false;
  void done.finally(() => {
    isDone = true;
  });
  const health = new ApiClient(server.url);
  do statuses.push((await health.get('/api/v1/health')).status);
  while (!isDone);
  return statuses;
}

beforeAll(async () => {
  const started = await startTestMunicipality({ municipalityCode: 'f2load', municipalityName: 'Lastkommun' });
  server = started.server;
  const { admin } = started;
  const district = await createRecord(admin, 'districts', { code: 'L', name: 'Last' });
  const property = await createRecord(admin, 'properties', {
    districtId: district,
    designation: 'Lasten 1',
    streetAddress: 'Lastgatan 1',
  });
  const entranceDoor = await createRecord(admin, 'doors', {
    propertyId: property,
    kind: 'entrance',
    label: 'Port A',
  });
  const apartment = await createRecord(admin, 'doors', {
    propertyId: property,
    kind: 'apartment_door',
    label: 'Lgh 1001',
  });
  const provider = await createRecord(admin, 'providers', {
    name: 'Hemtjänst Last',
    ownership: 'municipal',
    kinds: ['day_home_care'],
  });
  const customer = await createRecord(admin, 'customers', {
    districtId: district,
    givenName: 'Karin',
    familyName: 'Last',
    residencePropertyId: property,
    apartmentDoorId: apartment,
  });
  await createRecord(admin, 'customer-services', {
    customerId: customer,
    service: 'home_care',
    providerId: provider,
    startsOn: '2026-01-01',
  });
  expect(
    (await admin.put(`/api/v1/customers/${customer}/access-path`, { doorIds: [entranceDoor, apartment] }))
      .status,
  ).toBe(200);
  const team = await createRecord(admin, 'teams', { providerId: provider, name: 'Last dag' });
  await createRecord(admin, 'team-customers', { teamId: team, customerId: customer });

  const lockId = await createRecord(admin, 'locks', {
    lockType: 'cylinder_ring',
    serial: 'PV-F2-LOCK',
    status: 'installed',
    doorId: entranceDoor,
  });
  const lockEnrolment = await enrolDevice(admin, { kind: 'lock', lockId });
  const ring = await ringFromEnrolment(lockEnrolment.response);
  entrance = new Lock({
    deviceId: uuidToBytes(lockId),
    lockNumber: lockEnrolment.response.body.lockNumber as number,
    issuer: 'se-f2load',
    issuerKeys: ring,
    keyPair: lockEnrolment.keyPair,
    world: systemWorldClock,
  });
  const boxEnrolment = await enrolDevice(admin, { kind: 'activation_box', label: 'Box Last' });
  const boxId = boxEnrolment.response.body.enrolment.id as string;
  boxGateway = new HttpIssuerGateway({
    baseUrl: server.url,
    deviceId: boxId,
    privateKey: boxEnrolment.keyPair.privateKey,
  });
  box = new ActivationBox(uuidToBytes(boxId), boxGateway);
  const stationEnrolment = await enrolDevice(admin, { kind: 'sync_station', label: 'Synk Last' });
  const stationId = stationEnrolment.response.body.enrolment.id as string;
  station = new SyncStation(
    uuidToBytes(stationId),
    new HttpIssuerGateway({
      baseUrl: server.url,
      deviceId: stationId,
      privateKey: stationEnrolment.keyPair.privateKey,
    }),
  );

  await inBatches(keyCount, 8, async (i) => {
    const staff = await createRecordWhileBusy(admin, 'staff', {
      providerId: provider,
      givenName: `Person${i}`,
      familyName: 'Last',
      employmentStartsOn: '2026-01-01',
    });
    await createRecordWhileBusy(admin, 'team-memberships', { teamId: team, staffMemberId: staff });
    const id = await createRecordWhileBusy(admin, 'keys', {
      providerId: provider,
      kind: 'hardware_key',
      serial: `PV-F2-${String(i).padStart(3, '0')}`,
      holderStaffMemberId: staff,
    });
    const enrolled = await retryWhileBusy(() => enrolDevice(admin, { kind: 'key', keyId: id }));
    expect(enrolled.response.status, JSON.stringify(enrolled.response.body)).toBe(201);
    const key = new HardwareKey({
      deviceId: uuidToBytes(id),
      keyPair: enrolled.keyPair,
      world: systemWorldClock,
      issuerKeys: ring,
      pinIterations: 1_000,
    });
    const pin = String(1000 + i);
    const reset = await retryWhileBusy(() => admin.post(`/api/v1/keys/${id}/pin-reset`));
    expect(reset.status).toBe(201);
    await key.setPin(pin);
    await key.activateWithPin(pin);
    // The box's PIN call gets 503 database_busy like the setup's API calls; a fresh request each
    // time (a signed request is good once), and the one-time code holds (nothing was written).
    for (let attempt = 1; ; attempt++) {
      try {
        await boxGateway.setPin({ request: await key.createActivationRequest(), code: reset.body.code, pin });
        break;
      } catch (error) {
        if (!(error instanceof IssuerUnreachableError) || !/503/.test(error.message) || attempt === 5)
          throw error;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
    key.deactivate();
    keys[i] = { id, key, pin };
  });
}, 600_000);

afterAll(async () => server?.close());

describe('concurrent activations (F2: the server froze)', () => {
  it(`${keyCount} simultaneous activations all succeed online, and /health answers during and after`, async () => {
    const activations = Promise.all(keys.map(({ key, pin }) => box.activate(key, pin)));
    const health = await pollHealth(activations);
    const outcomes = await activations;
    expect(outcomes.filter((outcome) => !(outcome.isActivated && outcome.mode === 'online'))).toEqual([]);
    expect(health.length).toBeGreaterThan(0);
    expect(health.filter((status) => status !== 200)).toEqual([]);
    expect((await new ApiClient(server.url).get('/api/v1/health')).status).toBe(200);
    // Real tickets: each key opens the entrance its team's customer lives behind.
    expect(await keys[0]!.key.openLock(entrance)).toEqual({ isOpen: true });
    expect(await keys[keyCount - 1]!.key.openLock(entrance)).toEqual({ isOpen: true });
  }, 300_000);

  it('activations and syncs of the same keys at once all succeed, each ticket with its own sequence', async () => {
    const work = Promise.all([
      ...keys.map(({ key, pin }) => box.activate(key, pin)),
      ...keys.map(({ key }) => station.sync(key)),
    ]);
    const health = await pollHealth(work);
    const outcomes = await work;
    expect(
      outcomes.filter((outcome) =>
        'isSynced' in outcome ? !outcome.isSynced : !(outcome.isActivated && outcome.mode === 'online'),
      ),
    ).toEqual([]);
    expect(health.filter((status) => status !== 200)).toEqual([]);
    // Three tickets per key so far (activate, then activate and sync at once): numbers 1, 2, 3.
    const { rows } = await server.db.pool.query<{ n: number }>(
      'SELECT ticket_sequence AS n FROM key_credential WHERE digital_key_id = ANY($1::uuid[])',
      [keys.map((key) => key.id)],
    );
    expect(rows.map((row) => row.n)).toEqual(Array.from({ length: keyCount }, () => 3));
  }, 300_000);

  it('many wrong PINs sent at once for one key get no more than five checks, then the PIN is locked', async () => {
    // PINs are now counted before scrypt runs, without a row lock: each attempt must still take
    // its place in the count first, so a burst cannot try more PINs than a patient attacker.
    const { key, pin } = keys[keyCount - 1]!;
    await key.activateWithPin(pin);
    const requests = await Promise.all(Array.from({ length: 12 }, () => key.createActivationRequest()));
    const answers = await Promise.all(
      requests.map((request, i) =>
        boxGateway.activate({ request, pin: String(9000 + i), boxId: box.boxId }).then(
          () => 'issued',
          (error: { reason?: string }) => error.reason ?? 'error',
        ),
      ),
    );
    expect(answers.filter((answer) => answer !== 'wrong-pin' && answer !== 'pin-locked-out')).toEqual([]);
    expect(answers.filter((answer) => answer === 'wrong-pin').length).toBeLessThanOrEqual(4);
    const refused = await boxGateway
      .activate({ request: await key.createActivationRequest(), pin, boxId: box.boxId })
      .then(
        () => 'issued',
        (error: { reason?: string }) => error.reason,
      );
    expect(refused).toBe('pin-locked-out');
    const { rows } = await server.db.pool.query<{ failures: number; isLocked: boolean }>(
      `SELECT pin_failures AS failures, pin_locked_until > now() AS "isLocked"
       FROM key_credential WHERE digital_key_id = $1`,
      [keys[keyCount - 1]!.id],
    );
    expect(rows[0]).toEqual({ failures: 5, isLocked: true });
  });
});
