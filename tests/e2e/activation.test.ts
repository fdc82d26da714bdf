// Issue 4 end to end: the real server over real HTTP, simulated locks, keys, an activation box
// and a sync station speaking the open protocol, and a work lead using the API.
import {
  ActivationBox,
  HardwareKey,
  HttpIssuerGateway,
  Lock,
  Phone,
  SyncStation,
  systemWorldClock,
  type IssuerGateway,
} from '@portvakt/devices';
import { uuidToBytes, type KeyRing } from '@portvakt/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, enrolDevice, ringFromEnrolment } from './devices.testing';
import {
  createUser,
  startTestMunicipality,
  testPassword,
  type ApiClient,
  type TestServer,
} from '@portvakt/server/testing';

let server: TestServer;
let admin: ApiClient;
let lockManager: ApiClient;
let workLead: ApiClient;
let issuerName: string;
let ring: KeyRing;

const create = createRecord;

async function enrol(client: ApiClient, body: Record<string, unknown>) {
  const { response, keyPair } = await enrolDevice(client, body);
  if (response.status !== 201) throw new Error(`enrol: ${response.status} ${JSON.stringify(response.body)}`);
  ring = await ringFromEnrolment(response);
  return {
    keyPair,
    id: response.body.enrolment.id as string,
    lockNumber: response.body.lockNumber as number | null,
  };
}

/** A lock installed on `doorId`, enrolled through the API, as a simulated device. */
async function installLock(doorId: string): Promise<Lock> {
  const lockId = await create(lockManager, 'locks', {
    lockType: 'cylinder_ring',
    serial: `PV-E2E-${doorId.slice(0, 8)}`,
    status: 'installed',
    doorId,
  });
  const enrolled = await enrol(lockManager, { kind: 'lock', lockId });
  return new Lock({
    deviceId: uuidToBytes(lockId),
    lockNumber: enrolled.lockNumber!,
    issuer: issuerName,
    issuerKeys: ring,
    keyPair: enrolled.keyPair,
    world: systemWorldClock,
  });
}

/** A hardware key for a staff member, enrolled by the work lead, with a PIN set at the box. */
async function handOutKey(
  staffId: string,
  providerId: string,
  pin: string,
  gateway: HttpIssuerGateway,
): Promise<{ id: string; key: HardwareKey }> {
  const id = await create(workLead, 'keys', {
    providerId,
    kind: 'hardware_key',
    serial: `PV-K-${staffId.slice(0, 8)}`,
    holderStaffMemberId: staffId,
  });
  const enrolled = await enrol(workLead, { kind: 'key', keyId: id });
  const key = new HardwareKey({
    deviceId: uuidToBytes(id),
    keyPair: enrolled.keyPair,
    world: systemWorldClock,
    issuerKeys: ring,
  });
  const reset = await workLead.post(`/api/v1/keys/${id}/pin-reset`);
  expect(reset.status).toBe(201);
  await key.setPin(pin);
  await key.activateWithPin(pin);
  await gateway.setPin({ request: await key.createActivationRequest(), code: reset.body.code, pin });
  key.deactivate();
  return { id, key };
}

let box: ActivationBox;
let station: SyncStation;
let boxGateway: HttpIssuerGateway;
const locks = {} as Record<'entrance' | 'ownDoor' | 'otherProviderDoor' | 'nightOnlyDoor', Lock>;
let keyA: { id: string; key: HardwareKey };
let keyB: { id: string; key: HardwareKey };
let teamAssignment: string;
let dayTeam: string;
let customerId: string;
let staffBId: string;
let providerAId: string;
let municipalityIdForPhone: string;

beforeAll(async () => {
  const started = await startTestMunicipality({
    municipalityCode: 'e2e4',
    municipalityName: 'Aktiveringskommun',
  });
  ({ server, admin } = started);
  const { municipalityId, login } = started;
  issuerName = 'se-e2e4';
  lockManager = await login('lock_manager');

  const district = await create(admin, 'districts', { code: 'N', name: 'Norr' });
  const property = await create(admin, 'properties', {
    districtId: district,
    designation: 'Ekorren 1',
    streetAddress: 'Storgatan 1',
  });
  const entrance = await create(admin, 'doors', { propertyId: property, kind: 'entrance', label: 'Port A' });
  const doors = {
    own: await create(admin, 'doors', { propertyId: property, kind: 'apartment_door', label: 'Lgh 1001' }),
    other: await create(admin, 'doors', { propertyId: property, kind: 'apartment_door', label: 'Lgh 1002' }),
    night: await create(admin, 'doors', { propertyId: property, kind: 'apartment_door', label: 'Lgh 1003' }),
  };
  const providerA = await create(admin, 'providers', {
    name: 'Hemtjänst Norr',
    ownership: 'municipal',
    kinds: ['day_home_care', 'night_patrol'],
  });
  const providerB = await create(admin, 'providers', {
    name: 'Omsorg Söder AB',
    ownership: 'private',
    kinds: ['day_home_care'],
  });
  workLead = await login('work_lead', { providerId: providerA });

  const customer = async (name: string, door: string, provider: string) => {
    const id = await create(admin, 'customers', {
      districtId: district,
      givenName: name,
      familyName: 'Kund',
      residencePropertyId: property,
      apartmentDoorId: door,
    });
    await create(admin, 'customer-services', {
      customerId: id,
      service: 'home_care',
      providerId: provider,
      startsOn: '2026-01-01',
    });
    expect(
      (await admin.put(`/api/v1/customers/${id}/access-path`, { doorIds: [entrance, door] })).status,
    ).toBe(200);
    return id;
  };
  customerId = await customer('Karl', doors.own, providerA);
  const otherCustomer = await customer('Greta', doors.other, providerB);
  const nightCustomer = await customer('Nils', doors.night, providerA);

  dayTeam = await create(workLead, 'teams', { providerId: providerA, name: 'Norr dag' });
  const nightTeam = await create(workLead, 'teams', { providerId: providerA, name: 'Norr natt' });
  const teamB = await create(admin, 'teams', { providerId: providerB, name: 'Söder' });
  teamAssignment = await create(workLead, 'team-customers', { teamId: dayTeam, customerId });
  await create(workLead, 'team-customers', { teamId: nightTeam, customerId: nightCustomer });
  await create(admin, 'team-customers', { teamId: teamB, customerId: otherCustomer });
  const staffA = await create(workLead, 'staff', {
    providerId: providerA,
    givenName: 'Anna',
    familyName: 'Dag',
    employmentStartsOn: '2026-01-01',
  });
  const staffB = await create(workLead, 'staff', {
    providerId: providerA,
    givenName: 'Bo',
    familyName: 'Dag',
    employmentStartsOn: '2026-01-01',
  });
  for (const staff of [staffA, staffB])
    await create(workLead, 'team-memberships', { teamId: dayTeam, staffMemberId: staff });

  locks.entrance = await installLock(entrance);
  locks.ownDoor = await installLock(doors.own);
  locks.otherProviderDoor = await installLock(doors.other);
  locks.nightOnlyDoor = await installLock(doors.night);

  const boxDevice = await enrol(lockManager, { kind: 'activation_box', label: 'Box Norr' });
  boxGateway = new HttpIssuerGateway({
    baseUrl: server.url,
    deviceId: boxDevice.id,
    privateKey: boxDevice.keyPair.privateKey,
  });
  box = new ActivationBox(uuidToBytes(boxDevice.id), boxGateway);
  const stationDevice = await enrol(lockManager, { kind: 'sync_station', label: 'Synk Norr' });
  const stationGateway: IssuerGateway = new HttpIssuerGateway({
    baseUrl: server.url,
    deviceId: stationDevice.id,
    privateKey: stationDevice.keyPair.privateKey,
  });
  station = new SyncStation(uuidToBytes(stationDevice.id), stationGateway);

  keyA = await handOutKey(staffA, providerA, '1234', boxGateway);
  keyB = await handOutKey(staffB, providerA, '5678', boxGateway);
  staffBId = staffB;
  providerAId = providerA;
  municipalityIdForPhone = municipalityId;
}, 120_000);

afterAll(async () => server?.close());

describe('a shift with a digital key (R1, R3)', () => {
  it('activates at the box with the PIN and opens exactly the day team’s doors', async () => {
    const before = await workLead.get(`/api/v1/keys/${keyA.id}/activation`);
    expect(before.body).toMatchObject({
      hasPin: true,
      isPinLocked: false,
      isActivatedNow: false,
      lastActivationAt: null,
    });
    expect(await box.activate(keyA.key, '1234')).toMatchObject({ isActivated: true, mode: 'online' });
    const after = await workLead.get(`/api/v1/keys/${keyA.id}/activation`);
    expect(after.body).toMatchObject({ isActivatedNow: true, ticketSequence: 1 });
    expect(await keyA.key.openLock(locks.entrance)).toEqual({ isOpen: true });
    expect(await keyA.key.openLock(locks.ownDoor)).toEqual({ isOpen: true });
    // Another provider's customer in the same building, and a customer only the night patrol serves.
    expect(await keyA.key.openLock(locks.otherProviderDoor)).toEqual({ isOpen: false, reason: 'wrong-lock' });
    expect(await keyA.key.openLock(locks.nightOnlyDoor)).toEqual({ isOpen: false, reason: 'wrong-lock' });
  });

  it('refuses a wrong PIN at the server too, and key A’s PIN never activates key B', async () => {
    expect(await box.activate(keyB.key, '1234')).toMatchObject({ isActivated: false, reason: 'wrong-pin' });
    expect(await box.activate(keyB.key, '5678')).toMatchObject({ isActivated: true });
  });

  it('opens the holder’s work shift at activation until the ticket ends, and extends it at the next', async () => {
    const shiftsOf = async (keyId: string) =>
      (
        await server.db.pool.query<{ source: string; ends_at: Date; digital_key_id: string }>(
          `SELECT w.source, w.ends_at, w.digital_key_id FROM work_shift w
           JOIN digital_key k ON k.holder_staff_member_id = w.staff_member_id WHERE k.id = $1`,
          [keyId],
        )
      ).rows;
    const ticketEnd = async (keyId: string) =>
      (
        await server.db.pool.query<{ end: Date }>(
          'SELECT last_ticket_expires_at AS end FROM key_credential WHERE digital_key_id = $1',
          [keyId],
        )
      ).rows[0]!.end;
    expect(await shiftsOf(keyA.id)).toEqual([
      { source: 'activation', ends_at: await ticketEnd(keyA.id), digital_key_id: keyA.id },
    ]);
    // Key B's wrong PIN opened nothing; its right one opened one shift.
    expect(await shiftsOf(keyB.id)).toHaveLength(1);
    expect(await box.activate(keyA.key, '1234')).toMatchObject({ isActivated: true });
    expect(await shiftsOf(keyA.id)).toEqual([
      { source: 'activation', ends_at: await ticketEnd(keyA.id), digital_key_id: keyA.id },
    ]);
  });

  it('opens one shift when a key is activated many times at once, not one each', async () => {
    const staffC = await create(workLead, 'staff', {
      providerId: providerAId,
      givenName: 'Cecilia',
      familyName: 'Dag',
      employmentStartsOn: '2026-01-01',
    });
    await create(workLead, 'team-memberships', { teamId: dayTeam, staffMemberId: staffC });
    const keyC = await handOutKey(staffC, providerAId, '2468', boxGateway);
    const answers = await Promise.all(Array.from({ length: 12 }, () => box.activate(keyC.key, '2468')));
    expect(answers.every((answer) => answer.isActivated)).toBe(true);
    const shifts = await server.db.pool.query(
      `SELECT 1 FROM work_shift WHERE staff_member_id = $1 AND source = 'activation'`,
      [staffC],
    );
    expect(shifts.rowCount).toBe(1);
  });

  it('takes a door away at the next activation once the work lead removes the customer from the team', async () => {
    expect((await workLead.delete(`/api/v1/team-customers/${teamAssignment}`)).status).toBe(204);
    expect(await box.activate(keyA.key, '1234')).toMatchObject({ isActivated: true });
    expect(await keyA.key.openLock(locks.ownDoor)).toEqual({ isOpen: false, reason: 'wrong-lock' });
    // Put the customer back for the blocking scenario.
    teamAssignment = await create(workLead, 'team-customers', { teamId: dayTeam, customerId });
    expect(await box.activate(keyA.key, '1234')).toMatchObject({ isActivated: true });
    expect(await box.activate(keyB.key, '5678')).toMatchObject({ isActivated: true });
    expect(await keyA.key.openLock(locks.ownDoor)).toEqual({ isOpen: true });
  });

  it('a blocked key gets no new ticket, and is refused at a lock once key B has carried the block list there', async () => {
    expect(
      (await workLead.patch(`/api/v1/keys/${keyA.id}`, { status: 'lost', statusReason: 'Tappad' })).status,
    ).toBe(200);
    // The server refuses at once (asked directly, so the key keeps the activation it already had)…
    await keyA.key.activateWithPin('1234');
    await expect(
      boxGateway.activate({
        request: await keyA.key.createActivationRequest(),
        pin: '1234',
        boxId: box.boxId,
      }),
    ).rejects.toMatchObject({ reason: 'key-blocked' });
    // …but a lock that has not heard yet still opens for the unexpired ticket: the exposure.
    expect(await keyA.key.openLock(locks.ownDoor)).toEqual({ isOpen: true });
    const exposed = await admin.get('/api/v1/block-list');
    expect(exposed.body.entries.map((entry: { digitalKeyId: string }) => entry.digitalKeyId)).toContain(
      keyA.id,
    );
    // Key B syncs, then passes the new block list on at the door.
    expect(await station.sync(keyB.key)).toMatchObject({ isSynced: true });
    expect(await keyB.key.openLock(locks.ownDoor)).toEqual({ isOpen: true });
    expect(locks.ownDoor.blockListVersion).toBe(exposed.body.version);
    expect(await keyA.key.openLock(locks.ownDoor)).toEqual({ isOpen: false, reason: 'key-blocked' });
    // And through the box the refusal reaches the person at the key.
    expect(await box.activate(keyA.key, '1234')).toMatchObject({ isActivated: false, reason: 'key-blocked' });
  });

  it('after an issuer key rotation, tickets signed by the new key open locks enrolled before it', async () => {
    const rotated = await admin.post('/api/v1/issuer-keys/rotate');
    expect(rotated.status).toBe(201);
    const published = await admin.get('/api/v1/issuer-keys');
    expect(published.body.items).toHaveLength(2);
    expect(await box.activate(keyB.key, '5678')).toMatchObject({ isActivated: true });
    // Key B brings the new key set (signed by the old key the lock trusts) along with its ticket.
    expect(await keyB.key.openLock(locks.entrance)).toEqual({ isOpen: true });
    expect(locks.entrance.issuerKeySetVersion).toBeGreaterThan(0);
  });

  it('signs the true time for a lock’s challenge, so a lock clock set wrong can be corrected', async () => {
    const attestation = await boxGateway.attestTime({ challenge: locks.nightOnlyDoor.issueChallenge() });
    expect(attestation.length).toBeGreaterThan(64);
    await expect(boxGateway.attestTime({ challenge: new Uint8Array([1, 2, 3]) })).rejects.toMatchObject({
      reason: 'malformed',
    });
  });
});

describe('the phone app (R1.5)', () => {
  it('logs in with the staff member’s account, opens, uploads its records, and stops when blocked', async () => {
    const phoneKeyId = await create(workLead, 'keys', {
      providerId: providerAId,
      kind: 'phone',
      serial: 'PV-P-E2E',
      holderStaffMemberId: staffBId,
    });
    const enrolled = await enrol(workLead, { kind: 'phone', keyId: phoneKeyId });
    const username = await createUser(server.db.pool, municipalityIdForPhone, 'staff', {
      providerId: providerAId,
      staffMemberId: staffBId,
    });
    const self: { phone?: Phone } = {};
    const gateway = new HttpIssuerGateway({
      baseUrl: server.url,
      createPhoneRequest: () => self.phone!.createSyncRequest(),
    });
    const phone = new Phone({
      deviceId: uuidToBytes(phoneKeyId),
      keyPair: enrolled.keyPair,
      world: systemWorldClock,
      issuerKeys: ring,
      gateway,
    });
    self.phone = phone;
    expect(await phone.login(username, 'not the password')).toEqual({
      isLoggedIn: false,
      reason: 'login-required',
    });
    expect(await phone.login(username, testPassword)).toEqual({ isLoggedIn: true });
    // One shift, not five days: a modified app cannot stretch a phone's activation.
    expect(phone.ticket!.expiresAt - Date.now() / 1000).toBeLessThanOrEqual(12 * 3600 + 5);
    expect(await phone.openLock(locks.ownDoor)).toEqual({ isOpen: true });
    const receipt = await phone.uploadRecords();
    expect(receipt?.findings ?? []).toEqual([]);
    expect(receipt!.stored).toBeGreaterThan(0);
    expect(
      (await workLead.patch(`/api/v1/keys/${phoneKeyId}`, { status: 'lost', statusReason: 'Stulen telefon' }))
        .status,
    ).toBe(200);
    expect(await phone.login(username, testPassword)).toEqual({ isLoggedIn: false, reason: 'key-blocked' });
  });
});
