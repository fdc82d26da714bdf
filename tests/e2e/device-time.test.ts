// Time attestations are answered for the asking device's municipality (issue #16 item 1c;
// docs/device-gateway.md "Time attestation"): lock numbers are unique only within a
// municipality, so two municipalities on one server each have a lock 1. A phone (by the sync
// request it signs) or a box (by its signed HTTP request) is served its own municipality's lock,
// signed by its own issuer key; it learns nothing about another municipality's lock with the same
// number, or one only the other municipality has; an unsigned request gets nothing. Real server,
// real PostgreSQL, real signatures, simulated locks and phones on one fixed instant.
import { HttpIssuerGateway, Lock, ManualWorldClock, Phone, IssuerRefusedError } from '@portvakt/devices';
import { encodeChallenge, parseTimeAttestation, randomBytes, uuidToBytes } from '@portvakt/protocol';
import {
  ApiClient,
  createMunicipality,
  createUser,
  startTestServer,
  testPassword,
  type TestServer,
} from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, enrolDevice, ringFromEnrolment } from './devices.testing';

// Monday 2 March 2026, 08:00 in Stockholm: the server's and every device's clock.
const world = new ManualWorldClock(Date.parse('2026-03-02T08:00:00+01:00') / 1000);
/** How far every lock's clock runs ahead: far enough that a phone would correct it. */
const lockAhead = 3 * 3600;

interface Side {
  code: string;
  issuer: string;
  locks: Array<{ lock: Lock; number: number }>;
  phone: Phone;
  phoneGateway: HttpIssuerGateway;
  boxGateway: HttpIssuerGateway;
}

let server: TestServer;
let a: Side;
let b: Side;

/** A municipality with `lockCount` enrolled locks, a box and a staff member's enrolled phone. */
async function createSide(code: string, lockCount: number): Promise<Side> {
  const pool = server.db.pool;
  const municipalityId = await createMunicipality(pool, code, `Kommun ${code}`);
  const admin = await new ApiClient(server.url).login(
    await createUser(pool, municipalityId, 'municipality_admin'),
    testPassword,
  );
  const district = await createRecord(admin, 'districts', { code: 'C', name: 'Centrum' });
  const property = await createRecord(admin, 'properties', {
    districtId: district,
    designation: `Eken ${code}`,
    streetAddress: 'Storgatan 1',
  });
  const locks: Side['locks'] = [];
  for (let i = 0; i < lockCount; i++) {
    const doorId = await createRecord(admin, 'doors', {
      propertyId: property,
      kind: 'entrance',
      label: `Port ${i}`,
    });
    const lockId = await createRecord(admin, 'locks', {
      lockType: 'cylinder_ring',
      serial: `DT-${code}-${i}`,
      status: 'installed',
      doorId,
    });
    const { response, keyPair } = await enrolDevice(admin, { kind: 'lock', lockId });
    expect(response.status).toBe(201);
    const number = response.body.lockNumber as number;
    const lock = new Lock({
      deviceId: uuidToBytes(lockId),
      lockNumber: number,
      issuer: `se-${code}`,
      issuerKeys: await ringFromEnrolment(response),
      keyPair,
      world,
      clockOffsetSeconds: lockAhead,
    });
    locks.push({ lock, number });
  }
  const provider = await createRecord(admin, 'providers', {
    name: `Hemtjänst ${code}`,
    ownership: 'municipal',
    kinds: ['day_home_care'],
  });
  const staff = await createRecord(admin, 'staff', {
    providerId: provider,
    givenName: 'Ada',
    familyName: code,
    employmentStartsOn: '2026-01-01',
  });
  const phoneId = await createRecord(admin, 'keys', {
    providerId: provider,
    kind: 'phone',
    serial: `DT-P-${code}`,
    holderStaffMemberId: staff,
  });
  const enrolledPhone = await enrolDevice(admin, { kind: 'phone', keyId: phoneId });
  expect(enrolledPhone.response.status).toBe(201);
  const self: { phone?: Phone } = {};
  const phoneGateway = new HttpIssuerGateway({
    baseUrl: server.url,
    createPhoneRequest: () => self.phone!.createSyncRequest(),
    now: () => world.now(),
  });
  const phone = new Phone({
    deviceId: uuidToBytes(phoneId),
    keyPair: enrolledPhone.keyPair,
    world,
    issuerKeys: await ringFromEnrolment(enrolledPhone.response),
    gateway: phoneGateway,
  });
  self.phone = phone;
  const box = await enrolDevice(admin, { kind: 'activation_box', label: `Box ${code}` });
  expect(box.response.status).toBe(201);
  const boxGateway = new HttpIssuerGateway({
    baseUrl: server.url,
    deviceId: box.response.body.enrolment.id as string,
    privateKey: box.keyPair.privateKey,
    now: () => world.now(),
  });
  return { code, issuer: `se-${code}`, locks, phone, phoneGateway, boxGateway };
}

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(world.now() * 1000) });
  a = await createSide('dta1', 1);
  b = await createSide('dtb1', 2);
}, 120_000);

afterAll(async () => server?.close());

/** Who signed an attestation, for which lock number, and the time it states. */
const readAttestation = (bytes: Uint8Array) => parseTimeAttestation(bytes).attestation;

describe('time attestation by the asking device’s enrolled identity', () => {
  it('serves each municipality’s phone its own lock 1, signed by its own issuer, and the lock takes it', async () => {
    expect(a.locks[0]!.number).toBe(1);
    expect(b.locks[0]!.number).toBe(1);
    for (const side of [a, b]) {
      const { lock } = side.locks[0]!;
      const challenge = lock.issueChallenge();
      const attestation = readAttestation(await side.phoneGateway.attestTime({ challenge }));
      expect(attestation).toMatchObject({ issuer: side.issuer, lock: 1, time: world.now() });
      // The phone's own repair: the lock verifies under its municipality's issuer key.
      expect(lock.clock.now()).toBe(world.now() + lockAhead);
      expect(await side.phone.correctLockClock(lock)).toBe(true);
      expect(lock.clock.now()).toBe(world.now());
    }
  });

  it('serves a box its own municipality’s lock by its signed request', async () => {
    const attestation = readAttestation(
      await b.boxGateway.attestTime({ challenge: b.locks[1]!.lock.issueChallenge() }),
    );
    expect(attestation).toMatchObject({ issuer: b.issuer, lock: 2 });
  });

  it('tells a phone of A nothing about B’s lock with the same number (B’s lock refuses what A gets)', async () => {
    const lockB = b.locks[0]!.lock;
    lockB.clock.set(world.now() + lockAhead);
    // What A's phone is answered for B's lock 1: A's own issuer speaking of A's lock 1.
    const answer = await a.phoneGateway.attestTime({ challenge: lockB.issueChallenge() });
    expect(readAttestation(answer)).toMatchObject({ issuer: a.issuer, lock: 1 });
    expect(await lockB.acceptTimeAttestation(answer)).toEqual({ isAccepted: false, reason: 'wrong-issuer' });
    expect(await a.phone.correctLockClock(lockB)).toBe(false);
    expect(lockB.clock.now()).toBe(world.now() + lockAhead);
    // B's own phone still repairs it.
    expect(await b.phone.correctLockClock(lockB)).toBe(true);
    expect(lockB.clock.now()).toBe(world.now());
  });

  it('refuses a number only B has exactly as a number nobody has', async () => {
    const onlyB = b.locks[1]!;
    expect(onlyB.number).toBe(2);
    const refusalOf = async (gateway: HttpIssuerGateway, challenge: Uint8Array) =>
      gateway.attestTime({ challenge }).then(
        () => 'attested',
        (error: unknown) => error,
      );
    const nobodys = encodeChallenge({
      lock: 4_000_000,
      nonce: randomBytes(16),
      time: world.now(),
      blockListVersion: 0,
    });
    const forBsNumber = (await refusalOf(a.phoneGateway, onlyB.lock.issueChallenge())) as IssuerRefusedError;
    const forNobodys = (await refusalOf(a.phoneGateway, nobodys)) as IssuerRefusedError;
    expect(forBsNumber).toBeInstanceOf(IssuerRefusedError);
    expect(forBsNumber.reason).toBe('wrong-lock');
    expect(forBsNumber.message).toContain('Unknown lock number.');
    // The same words: whether B has that number cannot be read from the answer.
    expect({ reason: forNobodys.reason, message: forNobodys.message }).toEqual({
      reason: forBsNumber.reason,
      message: forBsNumber.message,
    });
    // A box of A is refused the same way; B's own box is answered for it.
    expect(await refusalOf(a.boxGateway, onlyB.lock.issueChallenge())).toMatchObject({
      reason: 'wrong-lock',
    });
    expect(await refusalOf(b.boxGateway, onlyB.lock.issueChallenge())).toBe('attested');
  });

  it('gives an unsigned or forged request nothing', async () => {
    const challenge = Buffer.from(a.locks[0]!.lock.issueChallenge()).toString('base64url');
    const anonymous = await new ApiClient(server.url).post('/api/v1/device/time', { challenge });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ code: 'malformed' });
    expect(anonymous.body.attestation).toBeUndefined();
    // A's phone's sync request with its signature altered.
    const forged = await a.phone.createSyncRequest();
    forged[forged.length - 1]! ^= 0xff;
    const signedByOther = await new ApiClient(server.url).post('/api/v1/device/time', {
      challenge,
      request: Buffer.from(forged).toString('base64url'),
    });
    expect(signedByOther.status).toBe(403);
    expect(signedByOther.body).toMatchObject({ code: 'bad-key-signature' });
    expect(signedByOther.body.attestation).toBeUndefined();
  });
});
