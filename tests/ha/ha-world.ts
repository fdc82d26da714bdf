// The HA test's municipality, made over HTTP through HAProxy the way tests/e2e/activation-load
// makes its own (the municipality and its administrator are written to the database, as
// `portvakt create-municipality` does; there is no route for that): a district, a building with
// an entrance, a customer behind it in a team's care, an installed lock on the entrance, an
// activation box, a sync station, and staff whose hardware keys have PINs set at the box.
import {
  ActivationBox,
  HardwareKey,
  HttpIssuerGateway,
  Lock,
  SyncStation,
  systemWorldClock,
} from '@portvakt/devices';
import { uuidToBytes } from '@portvakt/protocol';
import { ApiClient, createMunicipality, createUser, testPassword } from '@portvakt/server/testing';
import { createPool } from '@portvakt/storage';
import { createRecord, enrolDevice, ringFromEnrolment } from '../e2e/devices.testing';

export interface HaKey {
  id: string;
  key: HardwareKey;
  pin: string;
}

export interface HaWorld {
  municipalityId: string;
  admin: ApiClient;
  districtId: string;
  entrance: Lock;
  entranceLockId: string;
  box: ActivationBox;
  boxGateway: HttpIssuerGateway;
  stationGateway: HttpIssuerGateway;
  station: SyncStation;
  keys: HaKey[];
}

/** Builds the world on the server at `url`; `databaseUrl` may write the municipality and its admin. */
export async function createHaWorld(url: string, databaseUrl: string, keyCount: number): Promise<HaWorld> {
  const pool = createPool(databaseUrl, { max: 1 });
  let municipalityId: string;
  let adminName: string;
  try {
    municipalityId = await createMunicipality(pool, 'ha', 'Failoverkommun');
    adminName = await createUser(pool, municipalityId, 'municipality_admin');
  } finally {
    await pool.end();
  }
  const admin = await new ApiClient(url).login(adminName, testPassword);
  const districtId = await createRecord(admin, 'districts', { code: 'HA', name: 'Failover' });
  const property = await createRecord(admin, 'properties', {
    districtId,
    designation: 'Failovern 1',
    streetAddress: 'Replikgatan 1',
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
    name: 'Hemtjänst Failover',
    ownership: 'municipal',
    kinds: ['day_home_care'],
  });
  const customer = await createRecord(admin, 'customers', {
    districtId,
    givenName: 'Karin',
    familyName: 'Replik',
    residencePropertyId: property,
    apartmentDoorId: apartment,
  });
  await createRecord(admin, 'customer-services', {
    customerId: customer,
    service: 'home_care',
    providerId: provider,
    startsOn: '2020-01-01',
  });
  const path = await admin.put(`/api/v1/customers/${customer}/access-path`, {
    doorIds: [entranceDoor, apartment],
  });
  if (path.status !== 200) throw new Error(`access path: ${path.status} ${JSON.stringify(path.body)}`);
  const team = await createRecord(admin, 'teams', { providerId: provider, name: 'Failover dag' });
  await createRecord(admin, 'team-customers', { teamId: team, customerId: customer });

  const entranceLockId = await createRecord(admin, 'locks', {
    lockType: 'cylinder_ring',
    serial: 'PV-HA-LOCK',
    status: 'installed',
    doorId: entranceDoor,
  });
  const lockEnrolment = await enrolDevice(admin, { kind: 'lock', lockId: entranceLockId });
  const ring = await ringFromEnrolment(lockEnrolment.response);
  const entrance = new Lock({
    deviceId: uuidToBytes(entranceLockId),
    lockNumber: lockEnrolment.response.body.lockNumber as number,
    issuer: 'se-ha',
    issuerKeys: ring,
    keyPair: lockEnrolment.keyPair,
    world: systemWorldClock,
  });
  const boxEnrolment = await enrolDevice(admin, { kind: 'activation_box', label: 'Box Failover' });
  const boxId = boxEnrolment.response.body.enrolment.id as string;
  const boxGateway = new HttpIssuerGateway({
    baseUrl: url,
    deviceId: boxId,
    privateKey: boxEnrolment.keyPair.privateKey,
  });
  const stationEnrolment = await enrolDevice(admin, { kind: 'sync_station', label: 'Synk Failover' });
  const stationId = stationEnrolment.response.body.enrolment.id as string;
  const stationGateway = new HttpIssuerGateway({
    baseUrl: url,
    deviceId: stationId,
    privateKey: stationEnrolment.keyPair.privateKey,
  });

  const keys: HaKey[] = [];
  for (let i = 0; i < keyCount; i++) {
    const staff = await createRecord(admin, 'staff', {
      providerId: provider,
      givenName: `Person${i}`,
      familyName: 'Failover',
      employmentStartsOn: '2020-01-01',
    });
    await createRecord(admin, 'team-memberships', { teamId: team, staffMemberId: staff });
    const id = await createRecord(admin, 'keys', {
      providerId: provider,
      kind: 'hardware_key',
      serial: `PV-HA-${String(i).padStart(3, '0')}`,
      holderStaffMemberId: staff,
    });
    const enrolled = await enrolDevice(admin, { kind: 'key', keyId: id });
    if (enrolled.response.status !== 201)
      throw new Error(`enrol key: ${JSON.stringify(enrolled.response.body)}`);
    const key = new HardwareKey({
      deviceId: uuidToBytes(id),
      keyPair: enrolled.keyPair,
      world: systemWorldClock,
      issuerKeys: ring,
      pinIterations: 1_000,
    });
    const pin = String(1000 + i);
    const reset = await admin.post(`/api/v1/keys/${id}/pin-reset`);
    if (reset.status !== 201) throw new Error(`pin reset: ${JSON.stringify(reset.body)}`);
    await key.setPin(pin);
    await key.activateWithPin(pin);
    await boxGateway.setPin({
      request: await key.createActivationRequest(),
      code: reset.body.code as string,
      pin,
    });
    key.deactivate();
    keys.push({ id, key, pin });
  }
  return {
    municipalityId,
    admin,
    districtId,
    entrance,
    entranceLockId,
    box: new ActivationBox(uuidToBytes(boxId), boxGateway),
    boxGateway,
    stationGateway,
    station: new SyncStation(uuidToBytes(stationId), stationGateway),
    keys,
  };
}
