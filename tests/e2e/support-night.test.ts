// Support at night end to end (issue #13 "Must show"), on the real server over HTTP with one
// fixed clock, simulated devices and a real SMTP receiver: a staff member is refused at a lock at
// night → an ordinary case is refused outside support hours, an emergency opening is not → support
// assigns a contracted locksmith, whose mailed single-use link confirms the arrival (a second use
// changes nothing) → the SLA view counts it within 60 minutes; a second emergency breaches and is
// listed as a breach. Meanwhile a key cabinet's take and return of the customer's backup key,
// signed by the simulated cabinet, arrive through the device gateway, close the authorised take,
// appear in the customer's log, and verify-log finds the take record once it is tampered with.
import { KeyCabinet, ManualWorldClock } from '@portvakt/devices';
import { uuidToBytes } from '@portvakt/protocol';
import {
  ApiClient,
  createUser,
  startMailReceiver,
  testPassword,
  type MailReceiver,
} from '@portvakt/server/testing';
import { insertBackupKeyForTest, verifyEventLog } from '@portvakt/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord } from './devices.testing';
import { createVisitDayWorld, type DayStaff, type VisitDayWorld } from './visit-day.world';

/** Unix seconds of a local Stockholm time (winter, UTC+1) on Tuesday 2 March 2027 or later. */
const at = (time: string, day = 2) => Date.parse(`2027-03-0${day}T${time}:00+01:00`) / 1000;
const world = new ManualWorldClock(at('22:30'));
const moveTo = (seconds: number) => world.advance(seconds - world.now());
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

let w: VisitDayWorld;
let mail: MailReceiver;
let support: ApiClient;
let anna: ApiClient;
let bo: ApiClient;
let locksmith: ApiClient;
let companyId: string;
let cabinet: KeyCabinet;
let cabinetId: string;
let gretaKeyId: string;
const first = {} as { id: string; reference: string; supportCaseId: string; version: number };
const second = {} as { id: string; reference: string; supportCaseId: string; version: number };

const count = async (table: string) =>
  Number((await w.server.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

beforeAll(async () => {
  mail = await startMailReceiver();
  w = await createVisitDayWorld(world, {}, { mailer: mail.mailer });
  const pool = w.server.db.pool;
  const login = async (role: Parameters<typeof createUser>[2], links = {}) =>
    new ApiClient(w.server.url).login(await createUser(pool, w.municipalityId, role, links), testPassword);
  support = await login('support');
  anna = await login('staff', { providerId: w.providerA, staffMemberId: w.anna.id });
  bo = await login('staff', { providerId: w.providerA, staffMemberId: w.bo.id });
  locksmith = new ApiClient(w.server.url);

  // The locksmith company with the emergency opening contract, and whom it has on call.
  companyId = await createRecord(w.admin, 'locksmith-companies', { name: 'Akutlås Väster AB' });
  const contracted = await w.admin.patch(`/api/v1/locksmith-companies/${companyId}`, {
    isEmergencyContracted: true,
  });
  expect(contracted.status).toBe(200);
  await createRecord(w.admin, `locksmith-companies/${companyId}/on-call-contacts`, {
    name: 'Jonna Jour',
    phone: '070-123 45 67',
    email: 'jour@akutlas.example',
    callOrder: 1,
  });

  // Provider A's key cabinet, enrolled with its own key, holding Greta's backup key in slot 2.
  cabinetId = await createRecord(w.admin, 'key-cabinets', {
    name: 'Nyckelskåp Väster',
    location: 'Hemtjänstkontoret, Västergatan 1',
    slotCount: 8,
    providerId: w.providerA,
  });
  cabinet = await KeyCabinet.create({
    deviceId: uuidToBytes(cabinetId),
    slotCount: 8,
    world,
    occupiedSlots: [2],
  });
  const enrolled = await w.admin.post('/api/v1/devices', {
    kind: 'key_cabinet',
    keyCabinetId: cabinetId,
    publicJwk: await cabinet.exportPublicJwk(),
  });
  expect(enrolled.status).toBe(201);
  const gretaDoor = (await w.admin.get(`/api/v1/customers/${w.customers.greta}`)).body
    .apartmentDoorId as string;
  gretaKeyId = await insertBackupKeyForTest(pool, {
    municipalityId: w.municipalityId,
    customerId: w.customers.greta,
    providerId: w.providerA,
    doorId: gretaDoor,
    keyCabinetId: cabinetId,
    slot: 2,
    label: 'Greta, lägenhetsdörr',
  });
}, 180_000);
afterAll(async () => {
  await w?.server.close();
  await mail?.close();
});

/** A staff member at a lock whose battery has run out: the lock refuses, whatever the key. */
async function refusedAt(who: DayStaff, lock: VisitDayWorld['locks']['karl'], time: number) {
  moveTo(time);
  lock.lock.battery.setPercent(0);
  expect(await who.key.openLock(lock.lock)).toEqual({ isOpen: false, reason: 'battery-empty' });
}

async function report(client: ApiClient, customerId: string, doorId: string) {
  const reported = await client.post('/api/v1/emergency-openings', {
    customerId,
    doorId,
    description: 'Låset svarar inte, batteriet verkar slut',
  });
  expect(reported.status, JSON.stringify(reported.body)).toBe(201);
  return reported.body as { id: string; reference: string; supportCaseId: string; version: number };
}

async function assign(emergency: { id: string; version: number }, time: number, mailCount: number) {
  moveTo(time);
  const assigned = await support.post(`/api/v1/emergency-openings/${emergency.id}/assign`, {
    locksmithCompanyId: companyId,
    version: emergency.version,
  });
  expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
  expect(assigned.body.emergency).toMatchObject({ assignedAt: iso(time), dueAt: iso(time + 3600) });
  expect(assigned.body.mailedTo).toEqual(['jour@akutlas.example']);
  const message = await mail.waitForMessage(mailCount);
  const link = /\/emergency-arrival\/([A-Za-z0-9_-]{43})/.exec(message.text ?? '');
  expect(link, message.text).not.toBeNull();
  return { token: link![1]!, emergency: assigned.body.emergency as { version: number } };
}

describe('a night without support: refused at the door, an emergency opening within the hour', () => {
  it('refuses Anna at Karl’s door at 22:50, when support is closed', async () => {
    moveTo(at('22:40'));
    expect(await w.box.activate(w.anna.key, w.anna.pin)).toMatchObject({ isActivated: true });
    await refusedAt(w.anna, w.locks.karl, at('22:50'));
    const hours = await anna.get('/api/v1/support-hours');
    expect(hours.status).toBe(200);
    expect(hours.body).toMatchObject({ isOpen: false });
  });

  it('refuses an ordinary case outside support hours and changes nothing', async () => {
    moveTo(at('22:51'));
    const before = await count('support_case');
    const refused = await anna.post('/api/v1/support-cases', {
      category: 'lock_fault',
      title: 'Låset hos Karl svarar inte',
      customerId: w.customers.karl,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('outside_support_hours');
    expect(await count('support_case')).toBe(before);
  });

  it('takes the emergency opening at night as an urgent emergency case', async () => {
    moveTo(at('22:52'));
    const karlDoor = (await w.admin.get(`/api/v1/customers/${w.customers.karl}`)).body.apartmentDoorId;
    Object.assign(first, await report(anna, w.customers.karl, karlDoor));
    expect(first.reference).toMatch(/^SUP-2027-[0-9A-Z]{6}$/);
    const supportCase = await support.get(`/api/v1/support-cases/${first.supportCaseId}`);
    expect(supportCase.body).toMatchObject({ isEmergency: true, priority: 'urgent', status: 'open' });
  });

  it('assigns the locksmith at 22:55; the mailed link confirms the arrival at 23:38, once', async () => {
    const { token, emergency } = await assign(first, at('22:55'), 1);
    first.version = emergency.version;
    moveTo(at('23:38'));
    const page = await locksmith.get(`/api/v1/emergency-arrivals/${token}`);
    expect(page.status).toBe(200);
    expect(page.body.streetAddress).toBe('Västergatan 4');
    expect(page.body.doors.map((d: { label: string }) => d.label)).toEqual(['Port A', 'Lgh 1101']);
    // Only the way in: no name, no provider, no other customer.
    for (const secret of ['Karl', 'Kund', 'Hemtjänst Väster', 'Greta', w.customers.karl])
      expect(JSON.stringify(page.body)).not.toContain(secret);
    const arrived = await locksmith.post(`/api/v1/emergency-arrivals/${token}`);
    expect(arrived.status).toBe(200);
    moveTo(at('23:40'));
    const again = await locksmith.post(`/api/v1/emergency-arrivals/${token}`);
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('arrival_link_used');
    const read = await support.get(`/api/v1/emergency-openings/${first.id}`);
    expect(read.body.onSiteAt).toBe(iso(at('23:38')));
    first.version = read.body.version;
  });

  it('opens the door, closes with the cause and follows up with a battery work order', async () => {
    moveTo(at('23:45'));
    const opened = await support.post(`/api/v1/emergency-openings/${first.id}/door-opened`, {
      version: first.version,
    });
    expect(opened.status).toBe(200);
    const closed = await support.post(`/api/v1/emergency-openings/${first.id}/close`, {
      version: opened.body.version,
      cause: 'battery',
    });
    expect(closed.status).toBe(200);
    const followed = await support.post(`/api/v1/emergency-openings/${first.id}/follow-up`, {
      version: closed.body.version,
      kind: 'work_order',
    });
    expect(followed.status, JSON.stringify(followed.body)).toBe(200);
    expect(followed.body.followUpWorkOrderReference).toMatch(/^AO-2027-/);
    const order = await w.admin.get(`/api/v1/work-orders/${followed.body.followUpWorkOrderId}`);
    expect(order.body).toMatchObject({ kind: 'battery', lockDeviceId: w.locks.karl.id });
  });
});

describe('a second emergency after midnight breaches; the backup key is the safety net', () => {
  it('reports Bo refused at Greta’s door at 00:20 and assigns the locksmith at 00:30', async () => {
    moveTo(at('00:10', 3));
    expect(await w.box.activate(w.bo.key, w.bo.pin)).toMatchObject({ isActivated: true });
    await refusedAt(w.bo, w.locks.greta, at('00:20', 3));
    moveTo(at('00:25', 3));
    const gretaDoor = (await w.admin.get(`/api/v1/customers/${w.customers.greta}`)).body.apartmentDoorId;
    Object.assign(second, await report(bo, w.customers.greta, gretaDoor));
    const { emergency } = await assign(second, at('00:30', 3), 2);
    second.version = emergency.version;
  });

  it('authorises Bo’s take of Greta’s backup key, linked to the emergency’s case', async () => {
    moveTo(at('00:40', 3));
    const take = await bo.post(`/api/v1/key-cabinets/${cabinetId}/takes`, {
      slot: 2,
      reason: 'battery',
      supportCaseId: second.supportCaseId,
    });
    expect(take.status, JSON.stringify(take.body)).toBe(201);
    expect(take.body).toMatchObject({ backupKeyId: gretaKeyId, supportCaseId: second.supportCaseId });
    // An empty slot is refused and nothing is written.
    const takes = await count('key_cabinet_take');
    const empty = await bo.post(`/api/v1/key-cabinets/${cabinetId}/takes`, { slot: 5, reason: 'battery' });
    expect(empty.status).toBe(409);
    expect(empty.body.code).toBe('slot_empty');
    expect(await count('key_cabinet_take')).toBe(takes);
  });

  it('receives the cabinet’s signed take and return through the gateway and closes the take', async () => {
    moveTo(at('00:41', 3));
    await cabinet.take(2, w.bo.pseudonym);
    const gateway = cabinet.connect(w.server.url, cabinetId);
    expect(await cabinet.upload(gateway)).toEqual({ stored: 1, duplicates: 0, findings: [] });
    moveTo(at('01:20', 3));
    await cabinet.returnKey(2, w.bo.pseudonym);
    expect(await cabinet.upload(gateway)).toEqual({ stored: 1, duplicates: 0, findings: [] });
    const state = await w.workLead.get(`/api/v1/key-cabinets/${cabinetId}`);
    expect(state.body.slots[1]).toMatchObject({ state: 'in', take: null });
    expect(state.body.takes[0]).toMatchObject({
      takenAt: iso(at('00:41', 3)),
      returnedAt: iso(at('01:20', 3)),
      takeSequence: 1,
      returnSequence: 2,
    });
    // In Greta's log for her provider, and in no one else's.
    const log = await w.workLead.get(`/api/v1/event-log/customer/${w.customers.greta}`);
    const fromCabinet = log.body.items.filter((e: { deviceId: string }) => e.deviceId === cabinetId);
    expect(fromCabinet.map((e: { kind: number }) => e.kind)).toEqual([16, 15]);
    const other = await w.otherWorkLead.get(`/api/v1/key-cabinets/${cabinetId}`);
    expect(other.status).toBe(404);
  });

  it('the locksmith arrives at 01:45, 75 minutes after the assignment', async () => {
    const message = mail.messages[1]!;
    const token = /\/emergency-arrival\/([A-Za-z0-9_-]{43})/.exec(message.text ?? '')![1]!;
    moveTo(at('01:45', 3));
    expect((await locksmith.post(`/api/v1/emergency-arrivals/${token}`)).status).toBe(200);
  });

  it('counts the first within 60 minutes and lists the second as a breach', async () => {
    const sla = await w.admin.get('/api/v1/emergency-sla?from=2027-03-01&to=2027-03-31');
    expect(sla.status).toBe(200);
    expect(sla.body.slaMinutes).toBe(60);
    expect(sla.body.total).toMatchObject({
      count: 2,
      onTime: 1,
      breached: 1,
      pending: 0,
      shareWithin: 0.5,
      medianMinutes: 59,
    });
    expect(sla.body.groups).toEqual([
      expect.objectContaining({ month: '2027-03', locksmithCompanyId: companyId, count: 2, onTime: 1 }),
    ]);
    expect(sla.body.breaches).toEqual([
      expect.objectContaining({
        reference: second.reference,
        locksmithCompanyId: companyId,
        minutes: 75,
        isStillWaiting: false,
      }),
    ]);
  });
});

describe('verify-log over the cabinet’s records', () => {
  it('verifies the cabinet’s chain, then finds the take record rewritten in the database', async () => {
    const clean = await verifyEventLog(w.server.db.pool, {
      municipalityId: w.municipalityId,
      isRecording: false,
    });
    expect(clean.findings).toEqual([]);
    const client = await w.server.db.superuser.connect();
    try {
      // Someone with database access moves the take to another slot (the record's last byte).
      await client.query('SET session_replication_role = replica');
      await client.query(
        `UPDATE device_event SET record = overlay(record PLACING '\\x05'::bytea FROM length(record))
         WHERE device_id = $1 AND sequence = 1`,
        [cabinetId],
      );
    } finally {
      await client.query('SET session_replication_role = origin');
      client.release();
    }
    const found = await verifyEventLog(w.server.db.pool, {
      municipalityId: w.municipalityId,
      isRecording: false,
    });
    expect(found.findings).toContainEqual(
      expect.objectContaining({ kind: 'broken_chain', deviceId: cabinetId, sequence: 2 }),
    );
  });
});
