// A small keyless world for event-log tests: registry rows in a real database, and real simulated
// devices (locks, hardware keys, a phone) enrolled there with their own key pairs, whose record
// uploads go through the server's ingestRecordBatches. Tickets come from the in-process issuer.
import { randomUUID } from 'node:crypto';
import {
  ActivationBox,
  HardwareKey,
  InProcessIssuer,
  Lock,
  ManualWorldClock,
  Phone,
  SyncStation,
  type IssuerGateway,
  type UploadReceipt,
} from '@portvakt/devices';
import { exportPublicJwk, generateSigningKeyPair, uuidToBytes } from '@portvakt/protocol';
import type pg from 'pg';
import { ingestRecordBatches } from '@portvakt/server';

export interface EventWorld {
  municipalityId: string;
  world: ManualWorldClock;
  issuer: InProcessIssuer;
  providerA: string;
  providerB: string;
  customer: string;
  otherCustomer: string;
  entrance: string;
  apartment: string;
  otherApartment: string;
  staffA: { id: string; pseudonym: string };
  staffB: { id: string; pseudonym: string };
  locks: { entrance: Lock; apartment: Lock; other: Lock };
  lockIds: { entrance: string; apartment: string; other: string };
  keyA: HardwareKey;
  keyB: HardwareKey;
  phoneA: Phone;
  keyIds: { keyA: string; keyB: string; phoneA: string };
  box: ActivationBox;
  station: SyncStation;
  /** What the station and phone upload through (records go to the real database). */
  gateway: IssuerGateway;
  addLock: (doorId: string, lockNumber: number) => Promise<{ lock: Lock; lockDeviceId: string }>;
}

/** The issuer for tickets, with uploads going to the server's ingest instead of memory. */
class DatabaseGateway implements IssuerGateway {
  constructor(
    private readonly issuer: InProcessIssuer,
    private readonly pool: pg.Pool,
    private readonly municipalityId: string,
    private readonly source: { kind: 'sync_station' | 'phone'; deviceId: string },
  ) {}
  activate = (call: Parameters<IssuerGateway['activate']>[0]) => this.issuer.activate(call);
  sync = (call: Parameters<IssuerGateway['sync']>[0]) => this.issuer.sync(call);
  login = (call: Parameters<IssuerGateway['login']>[0]) => this.issuer.login(call);
  async uploadRecords(batches: Uint8Array[]): Promise<UploadReceipt> {
    return ingestRecordBatches(this.pool, this.municipalityId, batches, this.source);
  }
}

export async function createEventWorld(
  pool: pg.Pool,
  startTime = Math.floor(Date.now() / 1000),
): Promise<EventWorld> {
  const q = async (sql: string, params: unknown[]) =>
    (await pool.query<{ id: string }>(sql, params)).rows[0]!.id;
  const code = randomUUID().slice(0, 6);
  const municipalityId = await q(
    `INSERT INTO municipality (code, name, settings) VALUES ($1, $2, '{"relativesStaffNaming": "first_name"}') RETURNING id`,
    [code, `Testkommun ${code}`],
  );
  const district = await q(
    `INSERT INTO district (municipality_id, code, name) VALUES ($1, 'D1', 'Norr') RETURNING id`,
    [municipalityId],
  );
  const property = await q(
    `INSERT INTO property (municipality_id, district_id, designation, street_address) VALUES ($1, $2, 'Portvik 1:1', 'Storgatan 1') RETURNING id`,
    [municipalityId, district],
  );
  const otherProperty = await q(
    `INSERT INTO property (municipality_id, district_id, designation, street_address) VALUES ($1, $2, 'Portvik 2:1', 'Lillgatan 9') RETURNING id`,
    [municipalityId, district],
  );
  const door = (propertyId: string, kind: string, label: string) =>
    q(`INSERT INTO door (municipality_id, property_id, kind, label) VALUES ($1, $2, $3, $4) RETURNING id`, [
      municipalityId,
      propertyId,
      kind,
      label,
    ]);
  const entrance = await door(property, 'entrance', 'Port A');
  const apartment = await door(property, 'apartment_door', 'Lgh 1001');
  const otherApartment = await door(otherProperty, 'apartment_door', 'Lgh 2001');
  const provider = (name: string) =>
    q(
      `INSERT INTO provider (municipality_id, name, ownership, kinds) VALUES ($1, $2, 'private', ARRAY['day_home_care']) RETURNING id`,
      [municipalityId, name],
    );
  const providerA = await provider('Hemtjänst Norr AB');
  const providerB = await provider('Omsorg Syd AB');
  const staff = async (providerId: string, given: string, family: string) => {
    const pseudonym = `ps-${randomUUID().slice(0, 12)}`;
    const id = await q(
      `INSERT INTO staff_member (municipality_id, provider_id, given_name, family_name, pseudonym, employment_starts_on)
       VALUES ($1, $2, $3, $4, $5, '2020-01-01') RETURNING id`,
      [municipalityId, providerId, given, family, pseudonym],
    );
    return { id, pseudonym };
  };
  const staffA = await staff(providerA, 'Anna', 'Andersson');
  const staffB = await staff(providerB, 'Bertil', 'Berg');
  const customer = await q(
    `INSERT INTO customer (municipality_id, district_id, given_name, family_name, residence_property_id, apartment_door_id)
     VALUES ($1, $2, 'Karl', 'Lund', $3, $4) RETURNING id`,
    [municipalityId, district, property, apartment],
  );
  const otherCustomer = await q(
    `INSERT INTO customer (municipality_id, district_id, given_name, family_name, residence_property_id, apartment_door_id)
     VALUES ($1, $2, 'Greta', 'Ek', $3, $4) RETURNING id`,
    [municipalityId, district, otherProperty, otherApartment],
  );
  await pool.query(
    `INSERT INTO access_path_step (customer_id, position, door_id) VALUES ($1, 0, $2), ($1, 1, $3), ($4, 0, $5)`,
    [customer, entrance, apartment, otherCustomer, otherApartment],
  );
  await pool.query(
    `INSERT INTO customer_service (municipality_id, customer_id, service, provider_id, starts_on)
     VALUES ($1, $2, 'home_care', $3, '2020-01-01'), ($1, $4, 'home_care', $5, '2020-01-01')`,
    [municipalityId, customer, providerA, otherCustomer, providerB],
  );

  const world = new ManualWorldClock(startTime);
  const issuer = await InProcessIssuer.create({ municipality: code, world, pinIterations: 1000 });
  const enrol = async (
    kind: 'lock' | 'key' | 'phone',
    publicKey: CryptoKey,
    links: { lockDeviceId?: string; digitalKeyId?: string; id?: string },
  ) =>
    q(
      `INSERT INTO device_enrolment (id, municipality_id, kind, lock_device_id, digital_key_id, public_jwk, enrolled_by)
       VALUES (coalesce($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6, 'test') RETURNING id`,
      [
        links.id ?? null,
        municipalityId,
        kind,
        links.lockDeviceId ?? null,
        links.digitalKeyId ?? null,
        JSON.stringify(await exportPublicJwk(publicKey)),
      ],
    );
  const addLock = async (doorId: string, lockNumber: number) => {
    const lockDeviceId = await q(
      `INSERT INTO lock_device (municipality_id, lock_type, serial, status, door_id, lock_number, battery_level)
       VALUES ($1, 'cylinder_ring', $2, 'installed', $3, $4, 100) RETURNING id`,
      [municipalityId, `PV-${randomUUID().slice(0, 8)}`, doorId, lockNumber],
    );
    const keyPair = await generateSigningKeyPair();
    const enrolmentId = await enrol('lock', keyPair.publicKey, { lockDeviceId });
    const deviceId = uuidToBytes(enrolmentId);
    await issuer.enrolDevice({ deviceId, kind: 'lock', publicKey: keyPair.publicKey, lock: lockNumber });
    const lock = new Lock({
      deviceId,
      lockNumber,
      issuer: code,
      issuerKeys: issuer.issuerKeys,
      keyPair,
      world,
    });
    return { lock, lockDeviceId };
  };
  const entranceLock = await addLock(entrance, 1);
  const apartmentLock = await addLock(apartment, 2);
  const otherLock = await addLock(otherApartment, 3);

  const addKey = async (
    kind: 'hardware_key' | 'phone',
    providerId: string,
    holder: { id: string; pseudonym: string },
  ) => {
    const keyId = await q(
      `INSERT INTO digital_key (municipality_id, provider_id, kind, serial, holder_staff_member_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [municipalityId, providerId, kind, `K-${randomUUID().slice(0, 8)}`, holder.id],
    );
    const keyPair = await generateSigningKeyPair();
    await enrol(kind === 'phone' ? 'phone' : 'key', keyPair.publicKey, { digitalKeyId: keyId, id: keyId });
    return { keyId, keyPair };
  };
  const a = await addKey('hardware_key', providerA, staffA);
  const b = await addKey('hardware_key', providerB, staffB);
  const p = await addKey('phone', providerA, staffA);
  const keyA = new HardwareKey({
    deviceId: uuidToBytes(a.keyId),
    keyPair: a.keyPair,
    world,
    pinIterations: 1000,
  });
  const keyB = new HardwareKey({
    deviceId: uuidToBytes(b.keyId),
    keyPair: b.keyPair,
    world,
    pinIterations: 1000,
  });
  await keyA.setPin('1234');
  await keyB.setPin('5678');
  const stationGateway = new DatabaseGateway(issuer, pool, municipalityId, {
    kind: 'sync_station',
    deviceId: 'station-1',
  });
  const phoneGateway = new DatabaseGateway(issuer, pool, municipalityId, {
    kind: 'phone',
    deviceId: p.keyId,
  });
  const phoneA = new Phone({
    deviceId: uuidToBytes(p.keyId),
    keyPair: p.keyPair,
    world,
    gateway: phoneGateway,
  });
  const grants = [{ lock: 1 }, { lock: 2 }, { lock: 3 }];
  await issuer.enrolDevice({
    deviceId: keyA.deviceId,
    kind: 'key',
    publicKey: a.keyPair.publicKey,
    staff: staffA.pseudonym,
    pin: '1234',
  });
  await issuer.enrolDevice({
    deviceId: keyB.deviceId,
    kind: 'key',
    publicKey: b.keyPair.publicKey,
    staff: staffB.pseudonym,
    pin: '5678',
  });
  await issuer.enrolDevice({
    deviceId: phoneA.deviceId,
    kind: 'phone',
    publicKey: p.keyPair.publicKey,
    staff: staffA.pseudonym,
    account: { username: 'anna', password: 'hemligt' },
  });
  for (const id of [keyA.deviceId, keyB.deviceId, phoneA.deviceId]) issuer.setGrants(id, grants);
  const box = new ActivationBox(uuidToBytes(randomUUID()), issuer);
  const station = new SyncStation(uuidToBytes(randomUUID()), stationGateway);
  return {
    municipalityId,
    world,
    issuer,
    providerA,
    providerB,
    customer,
    otherCustomer,
    entrance,
    apartment,
    otherApartment,
    staffA,
    staffB,
    locks: { entrance: entranceLock.lock, apartment: apartmentLock.lock, other: otherLock.lock },
    lockIds: {
      entrance: entranceLock.lockDeviceId,
      apartment: apartmentLock.lockDeviceId,
      other: otherLock.lockDeviceId,
    },
    keyA,
    keyB,
    phoneA,
    keyIds: { keyA: a.keyId, keyB: b.keyId, phoneA: p.keyId },
    box,
    station,
    gateway: stationGateway,
    addLock,
  };
}
