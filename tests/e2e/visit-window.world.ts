// A small world for visit-window mode (docs/permissions.md "Visit-window mode"): the real server
// with its clock fixed to a world clock the simulated devices share, a windowed customer (Karl)
// served by a home care provider (planned visit 10:00–10:30, 15 minutes' margin) and an alarm
// patrol (area rule, 60 minutes of break-glass per alarm), locks on his entrance and apartment door,
// hardware keys for one staff member of each, an activation box and a sync station over HTTP.
import {
  ActivationBox,
  HardwareKey,
  HttpIssuerGateway,
  Lock,
  ManualWorldClock,
  SyncStation,
} from '@portvakt/devices';
import { uuidToBytes, type KeyRing } from '@portvakt/protocol';
import {
  ApiClient,
  createMunicipality,
  createUser,
  startTestServer,
  testPassword,
  type TestServer,
} from '@portvakt/server/testing';
import { expect } from 'vitest';
import {
  createMembershipSince,
  createRecord as create,
  enrolDevice,
  ringFromEnrolment,
} from './devices.testing';

export interface VisitWindowWorld {
  /** Monday 2 March 2026, 07:00 in Stockholm (UTC+1) at the start. */
  world: ManualWorldClock;
  /** Moves the world (devices and server) forward to a Stockholm wall-clock time that day. */
  moveTo: (clock: string) => void;
  server: TestServer;
  admin: ApiClient;
  alarmLead: ApiClient;
  homeLead: ApiClient;
  alarmLeadName: string;
  homeLeadName: string;
  box: ActivationBox;
  station: SyncStation;
  ids: Record<'municipality' | 'karl' | 'homeCare' | 'alarmPatrol' | 'eva' | 'anna', string>;
  locks: Record<'entrance' | 'apartment', Lock>;
  keys: Record<'anna' | 'eva', HardwareKey>;
}

// Validity given explicitly: left out, it would start at the database's wall clock, after the world's day.
const since = '2026-01-01T00:00:00+01:00';

export async function createVisitWindowWorld(code = 'vw1'): Promise<VisitWindowWorld> {
  const world = new ManualWorldClock(Date.parse('2026-03-02T06:00:00Z') / 1000);
  const moveTo = (clock: string) => {
    const target = Date.parse(`2026-03-02T${clock}:00+01:00`) / 1000;
    expect(target).toBeGreaterThanOrEqual(world.now());
    world.advance(target - world.now());
  };
  let ring: KeyRing;
  const issuer = `se-${code}`;
  const ids = {} as VisitWindowWorld['ids'];
  const locks = {} as VisitWindowWorld['locks'];
  const keys = {} as VisitWindowWorld['keys'];

  async function enrol(client: ApiClient, body: Record<string, unknown>) {
    const { response, keyPair } = await enrolDevice(client, body);
    if (response.status !== 201)
      throw new Error(`enrol: ${response.status} ${JSON.stringify(response.body)}`);
    ring = await ringFromEnrolment(response);
    return {
      keyPair,
      id: response.body.enrolment.id as string,
      lockNumber: response.body.lockNumber as number,
    };
  }

  async function installLock(doorId: string, serial: string): Promise<Lock> {
    const lockId = await create(admin, 'locks', {
      lockType: 'cylinder_ring',
      serial,
      status: 'installed',
      doorId,
    });
    const enrolled = await enrol(admin, { kind: 'lock', lockId });
    return new Lock({
      deviceId: uuidToBytes(lockId),
      lockNumber: enrolled.lockNumber,
      issuer,
      issuerKeys: ring,
      keyPair: enrolled.keyPair,
      world,
    });
  }

  async function handOutKey(staffId: string, providerId: string, pin: string, gateway: HttpIssuerGateway) {
    const id = await create(admin, 'keys', {
      providerId,
      kind: 'hardware_key',
      serial: `PV-VW-${staffId.slice(0, 8)}`,
      holderStaffMemberId: staffId,
    });
    const enrolled = await enrol(admin, { kind: 'key', keyId: id });
    const key = new HardwareKey({
      deviceId: uuidToBytes(id),
      keyPair: enrolled.keyPair,
      world,
      issuerKeys: ring,
    });
    const reset = await admin.post(`/api/v1/keys/${id}/pin-reset`);
    expect(reset.status).toBe(201);
    await key.setPin(pin);
    await key.activateWithPin(pin);
    await gateway.setPin({ request: await key.createActivationRequest(), code: reset.body.code, pin });
    key.deactivate();
    return key;
  }

  const server = await startTestServer({ now: () => new Date(world.now() * 1000) });
  const pool = server.db.pool;
  const municipalityId = await createMunicipality(pool, code, 'Besöksfönsterkommun');
  ids.municipality = municipalityId;
  const admin = await new ApiClient(server.url).login(
    await createUser(pool, municipalityId, 'municipality_admin'),
    testPassword,
  );
  const district = await create(admin, 'districts', { code: 'N', name: 'Norr' });
  const property = await create(admin, 'properties', {
    districtId: district,
    designation: 'Lärkan 3',
    streetAddress: 'Storgatan 3',
  });
  const entrance = await create(admin, 'doors', { propertyId: property, kind: 'entrance', label: 'Port A' });
  const apartment = await create(admin, 'doors', {
    propertyId: property,
    kind: 'apartment_door',
    label: 'Lgh 1101',
  });
  ids.homeCare = await create(admin, 'providers', {
    name: 'Hemtjänst Norr',
    ownership: 'municipal',
    kinds: ['day_home_care'],
  });
  ids.alarmPatrol = await create(admin, 'providers', {
    name: 'Larmpatrullen',
    ownership: 'private',
    kinds: ['alarm_patrol'],
  });
  ids.karl = await create(admin, 'customers', {
    districtId: district,
    givenName: 'Karl',
    familyName: 'Berg',
    residencePropertyId: property,
    apartmentDoorId: apartment,
  });
  for (const [service, providerId] of [
    ['home_care', ids.homeCare],
    ['safety_alarm', ids.alarmPatrol],
  ])
    await create(admin, 'customer-services', {
      customerId: ids.karl,
      service,
      providerId,
      startsOn: '2026-01-01',
    });
  expect(
    (await admin.put(`/api/v1/customers/${ids.karl}/access-path`, { doorIds: [entrance, apartment] })).status,
  ).toBe(200);
  const homeTeam = await create(admin, 'teams', { providerId: ids.homeCare, name: 'Norr dag' });
  const alarmTeam = await create(admin, 'teams', { providerId: ids.alarmPatrol, name: 'Larm Norr' });
  await create(admin, 'team-customers', { teamId: homeTeam, customerId: ids.karl, validFrom: since });
  await create(admin, 'area-rules', {
    teamId: alarmTeam,
    districtId: district,
    service: 'safety_alarm',
    validFrom: since,
  });
  ids.anna = await create(admin, 'staff', {
    providerId: ids.homeCare,
    givenName: 'Anna',
    familyName: 'Dag',
    employmentStartsOn: '2026-01-01',
  });
  ids.eva = await create(admin, 'staff', {
    providerId: ids.alarmPatrol,
    givenName: 'Eva',
    familyName: 'Larm',
    employmentStartsOn: '2026-01-01',
  });
  await createMembershipSince(admin, pool, { teamId: homeTeam, staffMemberId: ids.anna }, since);
  await createMembershipSince(admin, pool, { teamId: alarmTeam, staffMemberId: ids.eva }, since);
  const alarmLeadName = await createUser(pool, municipalityId, 'work_lead', { providerId: ids.alarmPatrol });
  const alarmLead = await new ApiClient(server.url).login(alarmLeadName, testPassword);
  const homeLeadName = await createUser(pool, municipalityId, 'work_lead', { providerId: ids.homeCare });
  const homeLead = await new ApiClient(server.url).login(homeLeadName, testPassword);

  locks.entrance = await installLock(entrance, 'PV-VW-PORT');
  locks.apartment = await installLock(apartment, 'PV-VW-1101');
  const boxDevice = await enrol(admin, { kind: 'activation_box', label: 'Box Norr' });
  const boxGateway = new HttpIssuerGateway({
    baseUrl: server.url,
    deviceId: boxDevice.id,
    privateKey: boxDevice.keyPair.privateKey,
    now: () => world.now(),
  });
  const box = new ActivationBox(uuidToBytes(boxDevice.id), boxGateway);
  const stationDevice = await enrol(admin, { kind: 'sync_station', label: 'Synk Norr' });
  const station = new SyncStation(
    uuidToBytes(stationDevice.id),
    new HttpIssuerGateway({
      baseUrl: server.url,
      deviceId: stationDevice.id,
      privateKey: stationDevice.keyPair.privateKey,
      now: () => world.now(),
    }),
  );
  keys.anna = await handOutKey(ids.anna, ids.homeCare, '1234', boxGateway);
  keys.eva = await handOutKey(ids.eva, ids.alarmPatrol, '5678', boxGateway);

  // The municipality turns the mode on; Karl's planned visit is 10:00–10:30 by the home care.
  const settings = await admin.patch('/api/v1/municipality', {
    settings: { visitWindowMode: { enabled: true, marginMinutes: 15, breakGlassMinutes: 60 } },
  });
  expect(settings.status).toBe(200);
  const planned = await admin.put('/api/v1/planned-visits', [
    {
      externalId: 'PV-1',
      customerId: ids.karl,
      providerId: ids.homeCare,
      services: ['personal_care'],
      plannedMinutes: 30,
      windowStart: '2026-03-02T10:00:00+01:00',
      windowEnd: '2026-03-02T10:30:00+01:00',
    },
  ]);
  expect(planned.status).toBe(200);

  return {
    world,
    moveTo,
    server,
    admin,
    alarmLead,
    homeLead,
    alarmLeadName,
    homeLeadName,
    box,
    station,
    ids,
    locks,
    keys,
  };
}
