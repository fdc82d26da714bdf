// The world of tests/e2e/visit-day.test.ts, built through the API of a real server whose clock is
// the simulated world's: one municipality with a building (an entrance and four apartment doors,
// three with enrolled locks), two providers, three customers of provider A (one without a lock)
// and one of provider B, a day team of two staff with hardware keys whose PINs were set at an
// enrolled activation box, an enrolled sync station, and a phone for one of them. The devices
// live on the world's clock.
import {
  ActivationBox,
  HardwareKey,
  HttpIssuerGateway,
  Lock,
  Phone,
  SyncStation,
  type ManualWorldClock,
} from '@portvakt/devices';
import { uuidToBytes, type KeyRing, type PublicJwk } from '@portvakt/protocol';
import { expect } from 'vitest';
import { createMembershipSince, createRecord, enrolDevice, ringFromEnrolment } from './devices.testing';
import {
  ApiClient,
  createMunicipality,
  createUser,
  startTestServer,
  testPassword,
  type TestServer,
} from '@portvakt/server/testing';

export interface DayStaff {
  id: string;
  pseudonym: string;
  key: HardwareKey;
  keyId: string;
  pin: string;
}

export interface InstalledLock {
  lock: Lock;
  /** The lock's registry id, which is also its enrolment and protocol device id. */
  id: string;
  number: number;
}

export interface VisitDayWorld {
  server: TestServer;
  municipalityId: string;
  admin: ApiClient;
  auditor: ApiClient;
  /** Provider A's work lead. */
  workLead: ApiClient;
  /** Provider B's work lead. */
  otherWorkLead: ApiClient;
  providerA: string;
  providerB: string;
  /** Karl and Greta have locks, Nils has none (phone visits); Olga is provider B's. */
  customers: Record<'karl' | 'greta' | 'nils' | 'olga', string>;
  locks: Record<'entrance' | 'karl' | 'greta', InstalledLock>;
  box: ActivationBox;
  /** The box's enrolment and signing key, to reach another server as the same box. */
  boxDevice: { id: string; privateKey: CryptoKey };
  station: SyncStation;
  anna: DayStaff;
  bo: DayStaff;
  /** Bo's phone, not logged in yet, and his account's username. */
  boPhone: { phone: Phone; id: string; publicJwk: PublicJwk; username: string };
}

/**
 * Builds the world at the world clock's time. `settings` are the municipality's (PATCHed as its
 * admin would); `serverOptions` go to the test server (a mailer, for one). Registry facts that start at a time name it (2026-01-01), since their default is
 * the database's clock, not the server's.
 */
export async function createVisitDayWorld(
  world: ManualWorldClock,
  settings: Record<string, unknown>,
  serverOptions: Omit<Parameters<typeof startTestServer>[0] & {}, 'now'> = {},
): Promise<VisitDayWorld> {
  const server = await startTestServer({ ...serverOptions, now: () => new Date(world.now() * 1000) });
  const pool = server.db.pool;
  const municipalityId = await createMunicipality(pool, 'vd11', 'Dagkommun');
  const issuer = 'se-vd11';
  const login = async (role: Parameters<typeof createUser>[2], links = {}) =>
    new ApiClient(server.url).login(await createUser(pool, municipalityId, role, links), testPassword);
  const admin = await login('municipality_admin');
  const auditor = await login('auditor');
  expect((await admin.patch('/api/v1/municipality', { settings })).status).toBe(200);

  const district = await createRecord(admin, 'districts', { code: 'V', name: 'Väster' });
  const property = await createRecord(admin, 'properties', {
    districtId: district,
    designation: 'Lönnen 4',
    streetAddress: 'Västergatan 4',
  });
  const door = (kind: string, label: string) =>
    createRecord(admin, 'doors', { propertyId: property, kind, label });
  const entrance = await door('entrance', 'Port A');
  const doors = {
    karl: await door('apartment_door', 'Lgh 1101'),
    greta: await door('apartment_door', 'Lgh 1102'),
    nils: await door('apartment_door', 'Lgh 1103'),
    olga: await door('apartment_door', 'Lgh 1104'),
  };
  const provider = (name: string, ownership: string) =>
    createRecord(admin, 'providers', { name, ownership, kinds: ['day_home_care'] });
  const providerA = await provider('Hemtjänst Väster', 'municipal');
  const providerB = await provider('Omsorg Öster AB', 'private');
  const workLead = await login('work_lead', { providerId: providerA });
  const otherWorkLead = await login('work_lead', { providerId: providerB });
  const customer = async (name: keyof typeof doors, providerId: string) => {
    const id = await createRecord(admin, 'customers', {
      districtId: district,
      givenName: name[0]!.toUpperCase() + name.slice(1),
      familyName: 'Kund',
      residencePropertyId: property,
      apartmentDoorId: doors[name],
    });
    await createRecord(admin, 'customer-services', {
      customerId: id,
      service: 'home_care',
      providerId,
      startsOn: '2026-01-01',
    });
    const path = await admin.put(`/api/v1/customers/${id}/access-path`, { doorIds: [entrance, doors[name]] });
    expect(path.status).toBe(200);
    return id;
  };
  const customers = {
    karl: await customer('karl', providerA),
    greta: await customer('greta', providerA),
    nils: await customer('nils', providerA),
    olga: await customer('olga', providerB),
  };

  const validFrom = '2026-01-01T00:00:00Z';
  const team = await createRecord(workLead, 'teams', { providerId: providerA, name: 'Väster dag' });
  for (const customerId of [customers.karl, customers.greta, customers.nils])
    await createRecord(workLead, 'team-customers', { teamId: team, customerId, validFrom });
  const teamB = await createRecord(admin, 'teams', { providerId: providerB, name: 'Öster' });
  await createRecord(admin, 'team-customers', { teamId: teamB, customerId: customers.olga, validFrom });
  const staffMember = async (givenName: string) => {
    const id = await createRecord(workLead, 'staff', {
      providerId: providerA,
      givenName,
      familyName: 'Väster',
      employmentStartsOn: '2026-01-01',
    });
    await createMembershipSince(workLead, pool, { teamId: team, staffMemberId: id }, validFrom);
    return id;
  };
  const annaId = await staffMember('Anna');
  const boId = await staffMember('Bo');

  let ring: KeyRing | undefined;
  const installLock = async (doorId: string, serial: string): Promise<InstalledLock> => {
    const id = await createRecord(admin, 'locks', {
      lockType: 'cylinder_ring',
      serial,
      status: 'installed',
      doorId,
    });
    const { response, keyPair } = await enrolDevice(admin, { kind: 'lock', lockId: id });
    expect(response.status).toBe(201);
    ring = await ringFromEnrolment(response);
    const number = response.body.lockNumber as number;
    const lock = new Lock({
      deviceId: uuidToBytes(id),
      lockNumber: number,
      issuer,
      issuerKeys: ring,
      keyPair,
      world,
    });
    return { lock, id, number };
  };
  const locks = {
    entrance: await installLock(entrance, 'VD-PORT-A'),
    karl: await installLock(doors.karl, 'VD-1101'),
    greta: await installLock(doors.greta, 'VD-1102'),
  };

  const enrolSigned = async (kind: 'activation_box' | 'sync_station', label: string) => {
    const { response, keyPair } = await enrolDevice(admin, { kind, label });
    expect(response.status).toBe(201);
    const id = response.body.enrolment.id as string;
    // The device signs each request at its own clock: the world's.
    const gateway = new HttpIssuerGateway({
      baseUrl: server.url,
      deviceId: id,
      privateKey: keyPair.privateKey,
      now: () => world.now(),
    });
    return { id, gateway, privateKey: keyPair.privateKey };
  };
  const boxDevice = await enrolSigned('activation_box', 'Box Väster');
  const stationDevice = await enrolSigned('sync_station', 'Synk Väster');

  /** A hardware key handed out by the work lead, its PIN set at the box with a one-time code. */
  const handOutKey = async (staffId: string, serial: string, pin: string): Promise<DayStaff> => {
    const keyId = await createRecord(workLead, 'keys', {
      providerId: providerA,
      kind: 'hardware_key',
      serial,
      holderStaffMemberId: staffId,
    });
    const { response, keyPair } = await enrolDevice(workLead, { kind: 'key', keyId });
    expect(response.status).toBe(201);
    const key = new HardwareKey({
      deviceId: uuidToBytes(keyId),
      keyPair,
      world,
      issuerKeys: ring!,
      pinIterations: 1000,
    });
    const reset = await workLead.post(`/api/v1/keys/${keyId}/pin-reset`);
    expect(reset.status).toBe(201);
    await key.setPin(pin);
    await key.activateWithPin(pin);
    await boxDevice.gateway.setPin({
      request: await key.createActivationRequest(),
      code: reset.body.code,
      pin,
    });
    key.deactivate();
    const pseudonym = (await workLead.get(`/api/v1/staff/${staffId}`)).body.pseudonym as string;
    return { id: staffId, pseudonym, key, keyId, pin };
  };
  const anna = await handOutKey(annaId, 'VD-K-ANNA', '2468');
  const bo = await handOutKey(boId, 'VD-K-BO', '1357');

  const phoneId = await createRecord(workLead, 'keys', {
    providerId: providerA,
    kind: 'phone',
    serial: 'VD-P-BO',
    holderStaffMemberId: boId,
  });
  const enrolled = await enrolDevice(workLead, { kind: 'phone', keyId: phoneId });
  expect(enrolled.response.status).toBe(201);
  const boPhone = {
    id: phoneId,
    publicJwk: enrolled.response.body.enrolment.publicJwk as PublicJwk,
    username: await createUser(pool, municipalityId, 'staff', { providerId: providerA, staffMemberId: boId }),
    phone: new Phone({
      deviceId: uuidToBytes(phoneId),
      keyPair: enrolled.keyPair,
      world,
      issuerKeys: ring!,
      gateway: new HttpIssuerGateway({ baseUrl: server.url }),
    }),
  };

  return {
    server,
    municipalityId,
    admin,
    auditor,
    workLead,
    otherWorkLead,
    providerA,
    providerB,
    customers,
    locks,
    box: new ActivationBox(uuidToBytes(boxDevice.id), boxDevice.gateway),
    boxDevice: { id: boxDevice.id, privateKey: boxDevice.privateKey },
    station: new SyncStation(uuidToBytes(stationDevice.id), stationDevice.gateway),
    anna,
    bo,
    boPhone,
  };
}
