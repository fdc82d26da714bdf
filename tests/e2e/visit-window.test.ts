// Visit-window mode with break-glass (issue #11 item 9; docs/permissions.md "Visit-window mode",
// docs/visits.md "Break-glass") on the real server with a fixed clock, over real HTTP, with
// simulated locks, keys, an activation box and a sync station: a windowed customer's apartment door
// opens only around the planned visit; an alarm lets the alarm patrol in at its next activation;
// that opening is listed for review, the review needs a comment, and no other provider sees it.
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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord as create, enrolDevice, ringFromEnrolment } from './devices.testing';

/** Monday 2 March 2026, 07:00 in Stockholm (UTC+1): every time in this test comes from here. */
const world = new ManualWorldClock(Date.parse('2026-03-02T06:00:00Z') / 1000);
/** Moves the world (devices and server) to a Stockholm wall-clock time that day. */
const moveTo = (clock: string) => {
  const target = Date.parse(`2026-03-02T${clock}:00+01:00`) / 1000;
  expect(target).toBeGreaterThanOrEqual(world.now());
  world.advance(target - world.now());
};

// Validity given explicitly: left out, it would start at the database's wall clock, after the test's day.
const since = '2026-01-01T00:00:00+01:00';

let server: TestServer;
let admin: ApiClient;
let alarmLead: ApiClient;
let homeLead: ApiClient;
let ring: KeyRing;
let issuer: string;
let box: ActivationBox;
let station: SyncStation;
const ids = {} as Record<'karl' | 'homeCare' | 'alarmPatrol' | 'eva' | 'anna', string>;
const locks = {} as Record<'entrance' | 'apartment', Lock>;
const keys = {} as Record<'anna' | 'eva', HardwareKey>;

async function enrol(client: ApiClient, body: Record<string, unknown>) {
  const { response, keyPair } = await enrolDevice(client, body);
  if (response.status !== 201) throw new Error(`enrol: ${response.status} ${JSON.stringify(response.body)}`);
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

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(world.now() * 1000) });
  const pool = server.db.pool;
  const municipalityId = await createMunicipality(pool, 'vw1', 'Besöksfönsterkommun');
  issuer = 'se-vw1';
  admin = await new ApiClient(server.url).login(
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
  await create(admin, 'team-memberships', { teamId: homeTeam, staffMemberId: ids.anna, validFrom: since });
  await create(admin, 'team-memberships', { teamId: alarmTeam, staffMemberId: ids.eva, validFrom: since });
  alarmLead = await new ApiClient(server.url).login(
    await createUser(pool, municipalityId, 'work_lead', { providerId: ids.alarmPatrol }),
    testPassword,
  );
  homeLead = await new ApiClient(server.url).login(
    await createUser(pool, municipalityId, 'work_lead', { providerId: ids.homeCare }),
    testPassword,
  );

  locks.entrance = await installLock(entrance, 'PV-VW-PORT');
  locks.apartment = await installLock(apartment, 'PV-VW-1101');
  const boxDevice = await enrol(admin, { kind: 'activation_box', label: 'Box Norr' });
  const boxGateway = new HttpIssuerGateway({
    baseUrl: server.url,
    deviceId: boxDevice.id,
    privateKey: boxDevice.keyPair.privateKey,
    now: () => world.now(),
  });
  box = new ActivationBox(uuidToBytes(boxDevice.id), boxGateway);
  const stationDevice = await enrol(admin, { kind: 'sync_station', label: 'Synk Norr' });
  station = new SyncStation(
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
}, 120_000);

afterAll(async () => server?.close());

describe('visit-window mode', () => {
  it('keeps a key activated outside the planned visit out of the apartment until the visit’s window', async () => {
    expect(await box.activate(keys.anna, '1234')).toMatchObject({ isActivated: true, mode: 'online' });
    // The shared entrance is not the customer's own door: open as the service window says.
    expect(await keys.anna.openLock(locks.entrance)).toEqual({ isOpen: true });
    expect(await keys.anna.openLock(locks.apartment)).toEqual({
      isOpen: false,
      reason: 'outside-time-window',
    });
    moveTo('09:44');
    expect(await keys.anna.openLock(locks.apartment)).toEqual({
      isOpen: false,
      reason: 'outside-time-window',
    });
    // 15 minutes' margin before the 10:00 window, on the same ticket.
    moveTo('09:45');
    expect(await keys.anna.openLock(locks.apartment)).toEqual({ isOpen: true });
    moveTo('10:44');
    expect(await keys.anna.openLock(locks.apartment)).toEqual({ isOpen: true });
    moveTo('10:45');
    expect(await keys.anna.openLock(locks.apartment)).toEqual({
      isOpen: false,
      reason: 'outside-time-window',
    });
  });

  it('gives the alarm patrol nothing at the door without an alarm, and a break-glass window at its next activation after one', async () => {
    moveTo('11:50');
    expect(await box.activate(keys.eva, '5678')).toMatchObject({ isActivated: true });
    // No planned visit of the alarm patrol: the apartment door is not in its ticket at all.
    expect(await keys.eva.openLock(locks.apartment)).toEqual({ isOpen: false, reason: 'wrong-lock' });
    expect(await keys.eva.openLock(locks.entrance)).toEqual({ isOpen: true });

    moveTo('12:00');
    const alarm = await admin.post('/api/v1/alarms', [
      { externalId: 'AL-77', customerId: ids.karl, raisedAt: '2026-03-02T12:00:00+01:00' },
    ]);
    expect(alarm.body).toEqual({ created: 1, unchanged: 0 });
    // The key activated before the alarm still has the ticket from before it.
    moveTo('12:03');
    expect(await keys.eva.openLock(locks.apartment)).toEqual({ isOpen: false, reason: 'wrong-lock' });
    // Its next contact brings the window: here, the next activation.
    expect(await box.activate(keys.eva, '5678')).toMatchObject({ isActivated: true });
    moveTo('12:05');
    expect(await keys.eva.openLock(locks.apartment)).toEqual({ isOpen: true });
    // Only the alarm-serving provider: the home care's key gets nothing from the alarm.
    expect(await box.activate(keys.anna, '1234')).toMatchObject({ isActivated: true });
    expect(await keys.anna.openLock(locks.apartment)).toEqual({ isOpen: false, reason: 'wrong-lock' });
    // For the minutes set: 60 from the alarm.
    moveTo('13:00');
    expect(await keys.eva.openLock(locks.apartment)).toEqual({
      isOpen: false,
      reason: 'outside-time-window',
    });

    const windows = await server.db.pool.query(
      `SELECT w.provider_id, w.starts_at, w.ends_at, e.action, e.entity
       FROM break_glass_window w JOIN audit_entry e ON e.entity_id = w.id::text WHERE w.customer_id = $1`,
      [ids.karl],
    );
    expect(windows.rows).toEqual([
      {
        provider_id: ids.alarmPatrol,
        starts_at: new Date('2026-03-02T11:00:00Z'),
        ends_at: new Date('2026-03-02T12:00:00Z'),
        action: 'break_glass',
        entity: 'break_glass',
      },
    ]);
  });

  it('lists the opening only the break-glass window allowed, for the alarm patrol’s work lead to review', async () => {
    // The keys bring the lock's records back through the sync station.
    expect(await station.sync(keys.eva)).toMatchObject({ isSynced: true });
    expect(await station.sync(keys.anna)).toMatchObject({ isSynced: true });
    const list = await alarmLead.get('/api/v1/break-glass-openings');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        alarmExternalId: 'AL-77',
        customerId: ids.karl,
        customerName: 'Karl Berg',
        providerId: ids.alarmPatrol,
        staffMemberId: ids.eva,
        staffName: 'Eva Larm',
        doorLabel: 'Lgh 1101',
        occurredAt: '2026-03-02T11:05:00.000Z',
        windowStartsAt: '2026-03-02T11:00:00.000Z',
        windowEndsAt: '2026-03-02T12:00:00.000Z',
        review: null,
      }),
    ]);
    // It is in the provider audit report too.
    const audit = await alarmLead.get(
      '/api/v1/event-reports/provider-audit?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z',
    );
    expect(audit.status).toBe(200);
    expect(audit.body.breakGlassOpenings.map((o: { id: string }) => o.id)).toEqual([list.body.items[0].id]);
  });

  it('lets no other provider see or review it', async () => {
    const [opening] = (await alarmLead.get('/api/v1/break-glass-openings')).body.items;
    const home = await homeLead.get(`/api/v1/break-glass-openings?providerId=${ids.alarmPatrol}`);
    expect(home.status).toBe(200);
    expect(home.body.items).toEqual([]);
    expect((await homeLead.get('/api/v1/break-glass-openings')).body.items).toEqual([]);
    const review = await homeLead.post(`/api/v1/break-glass-openings/${opening.id}/review`, {
      comment: 'Inte vår kund.',
    });
    expect(review.status).toBe(404);
    expect(review.body.code).toBe('not_found');
    // The municipality reads all providers' openings, but the review is the work lead's.
    expect((await admin.get('/api/v1/break-glass-openings')).body.items).toHaveLength(1);
    expect(
      (await admin.post(`/api/v1/break-glass-openings/${opening.id}/review`, { comment: 'Ok.' })).status,
    ).toBe(403);
  });

  it('needs a comment to review, records it once and audits it', async () => {
    const [opening] = (await alarmLead.get('/api/v1/break-glass-openings')).body.items;
    const url = `/api/v1/break-glass-openings/${opening.id}/review`;
    for (const [body, code] of [
      [{}, 'validation_failed'],
      [{ comment: '' }, 'validation_failed'],
      [{ comment: '    ' }, 'blank_text'],
    ] as const) {
      const refused = await alarmLead.post(url, body);
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe(code);
    }
    const malformed = await alarmLead.post('/api/v1/break-glass-openings/not-an-opening/review', {
      comment: 'Ok.',
    });
    expect(malformed.status).toBe(400);
    // Nothing was recorded by the refusals.
    expect((await server.db.pool.query('SELECT 1 FROM break_glass_review')).rowCount).toBe(0);
    const reviewed = await alarmLead.post(url, {
      comment: 'Larm 12:00, Karl hade fallit. Ambulans tillkallad.',
    });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.review).toMatchObject({
      comment: 'Larm 12:00, Karl hade fallit. Ambulans tillkallad.',
    });
    expect((await alarmLead.post(url, { comment: 'Igen.' })).status).toBe(409);
    // Reviewed openings leave the queue; asked for, they come with their review.
    expect((await alarmLead.get('/api/v1/break-glass-openings')).body.items).toEqual([]);
    const all = await alarmLead.get('/api/v1/break-glass-openings?isReviewedIncluded=true');
    expect(all.body.items[0].review.comment).toBe('Larm 12:00, Karl hade fallit. Ambulans tillkallad.');
    const entries = await server.db.pool.query(
      `SELECT action, entity, after FROM audit_entry WHERE entity = 'break_glass' AND action = 'review'`,
    );
    expect(entries.rows).toEqual([
      {
        action: 'review',
        entity: 'break_glass',
        after: expect.objectContaining({
          staffMemberId: ids.eva,
          comment: 'Larm 12:00, Karl hade fallit. Ambulans tillkallad.',
        }),
      },
    ]);
  });
});

describe('break-glass routes in the role × scope matrix', () => {
  // Written out by hand, not derived from core's policy, so a wrong policy fails here. `review`
  // posts to the opening already reviewed: a role allowed past authorisation gets 409 or 404.
  const expected: Record<string, { list: number; sees: number; review: number }> = {
    municipality_admin: { list: 200, sees: 1, review: 403 },
    lock_manager: { list: 403, sees: 0, review: 403 },
    installer: { list: 403, sees: 0, review: 403 },
    work_lead_alarm: { list: 200, sees: 1, review: 409 },
    work_lead_home: { list: 200, sees: 0, review: 404 },
    staff: { list: 403, sees: 0, review: 403 },
    support: { list: 200, sees: 1, review: 403 },
    auditor: { list: 200, sees: 1, review: 403 },
    property_owner: { list: 403, sees: 0, review: 403 },
  };
  for (const [role, cells] of Object.entries(expected))
    it(`${role}: list ${cells.list} (sees ${cells.sees}), review ${cells.review}`, async () => {
      const pool = server.db.pool;
      const municipalityId = (
        await pool.query<{ id: string }>('SELECT municipality_id AS id FROM customer WHERE id = $1', [
          ids.karl,
        ])
      ).rows[0]!.id;
      const client =
        role === 'work_lead_alarm'
          ? alarmLead
          : role === 'work_lead_home'
            ? homeLead
            : await new ApiClient(server.url).login(
                await createUser(
                  pool,
                  municipalityId,
                  role as Parameters<typeof createUser>[2],
                  role === 'staff'
                    ? { providerId: ids.alarmPatrol, staffMemberId: ids.eva }
                    : role === 'property_owner'
                      ? {
                          propertyOwnerId: await create(admin, 'property-owners', {
                            name: 'Fastighets AB Lärkan',
                          }),
                        }
                      : {},
                ),
                testPassword,
              );
      const list = await client.get('/api/v1/break-glass-openings?isReviewedIncluded=true');
      expect(list.status).toBe(cells.list);
      if (list.status === 200) expect(list.body.items).toHaveLength(cells.sees);
      const [opening] = (await admin.get('/api/v1/break-glass-openings?isReviewedIncluded=true')).body.items;
      const review = await client.post(`/api/v1/break-glass-openings/${opening.id}/review`, {
        comment: 'Granskad igen.',
      });
      expect(review.status).toBe(cells.review);
    });
});
