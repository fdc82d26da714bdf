// Phone check-in and check-out (issue #11 items 1–2; docs/device-gateway.md "Phone visits"): the
// real server over real HTTP, a simulated phone that logs in and signs its visit checks with its
// own enrolled key, and work leads reading the visits. A visit registered by phone is traceable
// to the signed requests it came from; a refused, replayed, forged or malformed request stores
// nothing.
import { createHash } from 'node:crypto';
import { HttpIssuerGateway, ManualWorldClock, Phone } from '@portvakt/devices';
import {
  generateSigningKeyPair,
  importPublicJwk,
  randomBytes,
  signCredentialRequest,
  signVisitCheck,
  uuidToBytes,
  verifyVisitCheck,
  type KeyRing,
  type PublicJwk,
} from '@portvakt/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, enrolDevice, ringFromEnrolment } from './devices.testing';
import {
  ApiClient,
  createUser,
  startTestMunicipality,
  testPassword,
  type TestServer,
} from '@portvakt/server/testing';

// The server's clock (which the device gateway reads too) follows the world's, which starts at the
// machine's time (team memberships made here start at the database's clock) and is moved forward
// by the test, so a visit lasts minutes.
const world = new ManualWorldClock(Math.floor(Date.now() / 1000));
let server: TestServer;
let workLeadA: ApiClient;
let workLeadB: ApiClient;
let ring: KeyRing;
const customers = {} as Record<
  'noLock' | 'refusedLock' | 'otherProvider' | 'spare' | 'notInTeam' | 'spouse',
  string
>;
let providerA: string;
let municipalityId: string;

interface StaffPhone {
  phone: Phone;
  keyId: string;
  staffId: string;
  username: string;
  publicJwk: PublicJwk;
}

let counter = 0;
/** A staff member of provider A in the day team, with an account and an enrolled phone. */
async function staffWithPhone(teamId: string): Promise<StaffPhone> {
  counter += 1;
  const staffId = await createRecord(workLeadA, 'staff', {
    providerId: providerA,
    givenName: `Telefon${counter}`,
    familyName: 'Personal',
    employmentStartsOn: '2026-01-01',
  });
  await createRecord(workLeadA, 'team-memberships', { teamId, staffMemberId: staffId });
  const keyId = await createRecord(workLeadA, 'keys', {
    providerId: providerA,
    kind: 'phone',
    serial: `PV-PV-${counter}`,
    holderStaffMemberId: staffId,
  });
  const { response, keyPair } = await enrolDevice(workLeadA, { kind: 'phone', keyId });
  expect(response.status).toBe(201);
  ring = await ringFromEnrolment(response);
  const username = await createUser(server.db.pool, municipalityId, 'staff', {
    providerId: providerA,
    staffMemberId: staffId,
  });
  const phone = new Phone({
    deviceId: uuidToBytes(keyId),
    keyPair,
    world,
    issuerKeys: ring,
    gateway: new HttpIssuerGateway({ baseUrl: server.url }),
  });
  return { phone, keyId, staffId, username, publicJwk: response.body.enrolment.publicJwk as PublicJwk };
}

let anna: StaffPhone;
/** Never logs in. */
let bo: StaffPhone;
/** Logs in, then loses the phone. */
let cleo: StaffPhone;
let dayTeam: string;

beforeAll(async () => {
  const started = await startTestMunicipality({
    now: () => new Date(world.now() * 1000),
    municipalityCode: 'pv11',
    municipalityName: 'Telefonkommun',
  });
  ({ server, municipalityId } = started);
  const { admin, login } = started;
  const district = await createRecord(admin, 'districts', { code: 'S', name: 'Söder' });
  const property = await createRecord(admin, 'properties', {
    districtId: district,
    designation: 'Telefonen 1',
    streetAddress: 'Ringvägen 1',
  });
  providerA = await createRecord(admin, 'providers', {
    name: 'Hemtjänst Söder',
    ownership: 'municipal',
    kinds: ['day_home_care'],
  });
  const providerB = await createRecord(admin, 'providers', {
    name: 'Omsorg Väst AB',
    ownership: 'private',
    kinds: ['day_home_care'],
  });
  workLeadA = await login('work_lead', { providerId: providerA });
  workLeadB = await login('work_lead', { providerId: providerB });
  const customer = async (name: string, provider: string, extra: Record<string, unknown> = {}) => {
    const apartmentDoorId = await createRecord(admin, 'doors', {
      propertyId: property,
      kind: 'apartment_door',
      label: `Lgh ${name}`,
    });
    const id = await createRecord(admin, 'customers', {
      districtId: district,
      givenName: name,
      familyName: 'Kund',
      residencePropertyId: property,
      apartmentDoorId,
      ...extra,
    });
    await createRecord(admin, 'customer-services', {
      customerId: id,
      service: 'home_care',
      providerId: provider,
      startsOn: '2026-01-01',
    });
    return id;
  };
  // No lock on any of their doors; one refused a lock (R6.2).
  customers.noLock = await customer('Karl', providerA);
  customers.refusedLock = await customer('Greta', providerA, { hasRefusedLock: true });
  customers.otherProvider = await customer('Nils', providerB);
  customers.spare = await customer('Olga', providerA);
  // Served by Anna's provider, but by none of her teams.
  customers.notInTeam = await customer('Ingrid', providerA);
  // Karl's wife, at home with him behind his apartment door (docs/visits.md "A shared home").
  const karl = await admin.get(`/api/v1/customers/${customers.noLock}`);
  customers.spouse = await customer('Maja', providerA, { apartmentDoorId: karl.body.apartmentDoorId });
  dayTeam = await createRecord(workLeadA, 'teams', { providerId: providerA, name: 'Söder dag' });
  const teamB = await createRecord(admin, 'teams', { providerId: providerB, name: 'Väst' });
  for (const id of [customers.noLock, customers.refusedLock, customers.spare, customers.spouse])
    await createRecord(workLeadA, 'team-customers', { teamId: dayTeam, customerId: id });
  await createRecord(admin, 'team-customers', { teamId: teamB, customerId: customers.otherProvider });
  anna = await staffWithPhone(dayTeam);
  bo = await staffWithPhone(dayTeam);
  cleo = await staffWithPhone(dayTeam);
  expect(await anna.phone.login(anna.username, testPassword)).toEqual({ isLoggedIn: true });
  expect(await cleo.phone.login(cleo.username, testPassword)).toEqual({ isLoggedIn: true });
}, 120_000);
afterAll(async () => server?.close());

const day = () => ({
  from: new Date((world.now() - 86_400) * 1000).toISOString(),
  to: new Date((world.now() + 86_400) * 1000).toISOString(),
});
const visitsOf = async (client: ApiClient, customerId: string) => {
  const response = await client.get(
    `/api/v1/visits?${new URLSearchParams({ ...day(), customerId }).toString()}`,
  );
  expect(response.status).toBe(200);
  return response.body.items as Array<Record<string, unknown>>;
};
const countRows = async (sql: string, params: unknown[]) =>
  (await server.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;
/** Everything a refused request must leave as it was, for one customer. */
const storedFor = async (customerId: string) => ({
  visits: await countRows('visit WHERE customer_id = $1 AND superseded_at IS NULL', [customerId]),
  events: await countRows(
    'phone_visit_event p JOIN visit v ON v.visit_id = p.visit_id AND v.version = 1 WHERE v.customer_id = $1',
    [customerId],
  ),
  audited: await countRows(`audit_entry WHERE action IN ('check_in', 'check_out')`, []),
});

describe('a visit registered by phone', () => {
  let visitId: string;

  it('checks in and out: one registered phone visit in GET /api/v1/visits, traceable to both signed requests', async () => {
    world.advance(60);
    const arrival = world.now();
    const checkIn = await anna.phone.checkIn(customers.noLock);
    expect(checkIn).toMatchObject({ isRegistered: true, state: 'incomplete', departure: null });
    expect(checkIn.isRegistered && checkIn.arrival.getTime()).toBe(arrival * 1000);
    visitId = (checkIn as { visitId: string }).visitId;
    expect(await visitsOf(workLeadA, customers.noLock)).toEqual([
      expect.objectContaining({ id: visitId, source: 'phone', state: 'incomplete', departure: null }),
    ]);

    world.advance(35 * 60);
    const checkOut = await anna.phone.checkOut(customers.noLock);
    expect(checkOut).toMatchObject({ isRegistered: true, visitId, state: 'registered' });

    expect(await visitsOf(workLeadA, customers.noLock)).toEqual([
      expect.objectContaining({
        id: visitId,
        // The check-out completed the open check-in as its next version.
        version: 2,
        source: 'phone',
        state: 'registered',
        staffMemberIds: [anna.staffId],
        providerId: providerA,
        arrival: new Date(arrival * 1000).toISOString(),
        departure: new Date((arrival + 35 * 60) * 1000).toISOString(),
        minutes: 35,
      }),
    ]);

    // The evidence: both signed requests as received, each verifying under the phone's enrolled
    // key, naming this phone, this customer and the action, with the hash the audit entry names.
    const detail = await workLeadA.get(`/api/v1/visits/${visitId}`);
    expect(detail.status).toBe(200);
    const evidence = detail.body.evidence as Array<Record<string, string>>;
    expect(evidence.map((e) => [e.kind, e.role, e.deviceId, e.occurredAt])).toEqual([
      ['phone_request', 'arrival', anna.keyId, new Date(arrival * 1000).toISOString()],
      ['phone_request', 'departure', anna.keyId, new Date((arrival + 35 * 60) * 1000).toISOString()],
    ]);
    const publicKey = await importPublicJwk(anna.publicJwk);
    for (const [item, action] of [
      [evidence[0]!, 'check-in'],
      [evidence[1]!, 'check-out'],
    ] as const) {
      const bytes = new Uint8Array(Buffer.from(item.request!, 'base64url'));
      const check = await verifyVisitCheck(bytes, publicKey);
      expect(check).toMatchObject({
        action,
        customer: uuidToBytes(customers.noLock),
        keyId: uuidToBytes(anna.keyId),
      });
      expect(Buffer.from(check.nonce).toString('hex')).toBe(item.nonce);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(item.requestSha256);
      const audit = await server.db.pool.query<{ after: Record<string, string>; source: string }>(
        `SELECT after, source FROM audit_entry WHERE entity = 'visit' AND entity_id = $1 AND action = $2`,
        [visitId, action.replace('-', '_')],
      );
      expect(audit.rows).toEqual([
        {
          source: 'device',
          after: expect.objectContaining({ requestSha256: item.requestSha256, deviceId: anna.keyId }),
        },
      ]);
    }
  });

  it('keeps the shift the phone’s login opened, with the visit inside it', async () => {
    const { rows } = await server.db.pool.query<{ source: string; starts_at: Date; ends_at: Date }>(
      'SELECT source, starts_at, ends_at FROM work_shift WHERE staff_member_id = $1',
      [anna.staffId],
    );
    expect(rows).toEqual([expect.objectContaining({ source: 'phone' })]);
    expect(rows[0]!.ends_at.getTime()).toBeGreaterThan(world.now() * 1000);
  });

  it('is not another provider’s: its work lead neither lists nor reads it', async () => {
    expect(await visitsOf(workLeadB, customers.noLock)).toEqual([]);
    expect((await workLeadB.get(`/api/v1/visits/${visitId}`)).status).toBe(404);
  });

  it('registers a visit at a customer who refused a lock', async () => {
    world.advance(10 * 60);
    expect(await anna.phone.checkIn(customers.refusedLock)).toMatchObject({ isRegistered: true });
    world.advance(20 * 60);
    expect(await anna.phone.checkOut(customers.refusedLock)).toMatchObject({
      isRegistered: true,
      state: 'registered',
    });
    expect(await visitsOf(workLeadA, customers.refusedLock)).toEqual([
      expect.objectContaining({ source: 'phone', state: 'registered', minutes: 20 }),
    ]);
  });

  it('is completed by the check-out as its next version: a correction naming the open check-in is refused 409', async () => {
    world.advance(10 * 60);
    const checkIn = await anna.phone.checkIn(customers.refusedLock);
    const openId = (checkIn as { visitId: string }).visitId;
    const seen = await workLeadA.get(`/api/v1/visits/${openId}`);
    expect(seen.body.visit).toMatchObject({ version: 1, state: 'incomplete', departure: null });
    world.advance(25 * 60);
    const departure = new Date(world.now() * 1000).toISOString();
    expect(await anna.phone.checkOut(customers.refusedLock)).toMatchObject({
      isRegistered: true,
      visitId: openId,
    });

    // The work lead saw the open check-in and adds a departure: the visit changed since.
    const refused = await workLeadA.post(`/api/v1/visits/${openId}/corrections`, {
      version: 1,
      reason: 'Glömde checka ut',
      departure: new Date((world.now() - 10 * 60) * 1000).toISOString(),
    });
    expect([refused.status, refused.body.code, refused.body.details]).toEqual([
      409,
      'version_conflict',
      { currentVersion: 2 },
    ]);
    const detail = await workLeadA.get(`/api/v1/visits/${openId}`);
    expect(detail.body.visit).toMatchObject({ version: 2, state: 'registered', departure });
    const versions = detail.body.versions as Array<{ evidence: Array<{ role: string }> }>;
    expect(versions.map((v) => v.evidence.map((e) => e.role))).toEqual([
      ['arrival'],
      ['arrival', 'departure'],
    ]);
  });
});

describe('check-ins and check-outs refused, nothing stored', () => {
  it('a customer of her provider the staff member may not serve now: 403 not_permitted, audited as refused', async () => {
    world.advance(10 * 60);
    const before = await storedFor(customers.notInTeam);
    expect(await anna.phone.checkIn(customers.notInTeam)).toMatchObject({
      isRegistered: false,
      code: 'not_permitted',
    });
    expect(await storedFor(customers.notInTeam)).toEqual(before);
    expect(before.visits).toBe(0);
    const refused = await server.db.pool.query<{ after: Record<string, string> }>(
      `SELECT after FROM audit_entry WHERE action = 'check_in_refused' AND entity_id = $1`,
      [anna.keyId],
    );
    expect(refused.rows).toEqual([
      { after: expect.objectContaining({ customerId: customers.notInTeam, code: 'not_permitted' }) },
    ]);
  });

  it('an unknown customer: 404 not_found', async () => {
    const unknown = '00000000-0000-4000-8000-00000000beef';
    expect(await anna.phone.checkIn(unknown)).toMatchObject({ isRegistered: false, code: 'not_found' });
    expect(await storedFor(unknown)).toMatchObject({ visits: 0, events: 0 });
  });

  it('another provider’s customer is answered exactly like an unknown id, in and out, and not audited', async () => {
    world.advance(10 * 60);
    const unknown = '00000000-0000-4000-8000-00000000f00d';
    const before = await storedFor(customers.otherProvider);
    const audited = async () =>
      (
        await server.db.pool.query(
          `SELECT 1 FROM audit_entry WHERE entity_id = $1 AND action LIKE 'check_%'`,
          [anna.keyId],
        )
      ).rowCount;
    const auditedBefore = await audited();
    for (const action of ['checkIn', 'checkOut'] as const) {
      const other = await anna.phone[action](customers.otherProvider);
      expect(other).toMatchObject({ isRegistered: false, code: 'not_found' });
      expect(other).toEqual(await anna.phone[action](unknown));
    }
    expect(await storedFor(customers.otherProvider)).toEqual(before);
    expect(await audited()).toBe(auditedBefore);
  });

  it('a check-out without an open check-in: 409 no_open_visit', async () => {
    const before = await storedFor(customers.spare);
    expect(await anna.phone.checkOut(customers.spare)).toMatchObject({
      isRegistered: false,
      code: 'no_open_visit',
    });
    // The last visit at Karl was checked out already: checking out again changes nothing.
    expect(await anna.phone.checkOut(customers.noLock)).toMatchObject({ code: 'no_open_visit' });
    expect(await storedFor(customers.spare)).toEqual(before);
  });

  it('a second check-in while one is open: 409 visit_already_open, also when both arrive at once', async () => {
    world.advance(10 * 60);
    const [first, second] = await Promise.all([
      anna.phone.checkIn(customers.spare),
      anna.phone.checkIn(customers.spare),
    ]);
    expect([first, second].filter((r) => r.isRegistered)).toHaveLength(1);
    expect([first, second].find((r) => !r.isRegistered)).toMatchObject({ code: 'visit_already_open' });
    expect(await anna.phone.checkIn(customers.spare)).toMatchObject({ code: 'visit_already_open' });
    // The refusal names the open visit (docs/device-gateway.md "Phone visits").
    const again = await new ApiClient(server.url).post('/api/v1/device/visits/check-in', {
      request: Buffer.from(await anna.phone.signVisitCheck('check-in', customers.spare)).toString(
        'base64url',
      ),
    });
    const openVisitId = (await visitsOf(workLeadA, customers.spare))[0]?.id;
    expect([again.status, again.body.details]).toEqual([409, { visitId: openVisitId }]);
    expect(await visitsOf(workLeadA, customers.spare)).toEqual([
      expect.objectContaining({ state: 'incomplete' }),
    ]);
    world.advance(15 * 60);
    expect(await anna.phone.checkOut(customers.spare)).toMatchObject({
      isRegistered: true,
      state: 'registered',
    });
  });

  it('a replayed check-in or check-out: refused as stale-challenge, no second visit', async () => {
    world.advance(10 * 60);
    const checkIn = await anna.phone.signVisitCheck('check-in', customers.spare);
    expect(await anna.phone.sendSignedVisitCheck('check-in', checkIn)).toMatchObject({ isRegistered: true });
    // Sent again at once, before anything else happened.
    expect(await anna.phone.sendSignedVisitCheck('check-in', checkIn)).toMatchObject({
      isRegistered: false,
      code: 'stale-challenge',
    });
    world.advance(2 * 60);
    const checkOut = await anna.phone.signVisitCheck('check-out', customers.spare);
    expect(await anna.phone.sendSignedVisitCheck('check-out', checkOut)).toMatchObject({
      isRegistered: true,
    });
    const before = await storedFor(customers.spare);
    expect(await anna.phone.sendSignedVisitCheck('check-in', checkIn)).toMatchObject({
      isRegistered: false,
      code: 'stale-challenge',
    });
    expect(await anna.phone.sendSignedVisitCheck('check-out', checkOut)).toMatchObject({
      code: 'stale-challenge',
    });
    expect(await storedFor(customers.spare)).toEqual(before);
  });

  it('a forged or altered signature: 403 bad-key-signature', async () => {
    world.advance(10 * 60);
    const before = await storedFor(customers.spare);
    const impostor = await generateSigningKeyPair();
    const forged = await signVisitCheck(
      {
        keyId: uuidToBytes(anna.keyId),
        nonce: randomBytes(16),
        time: world.now(),
        action: 'check-in',
        customer: uuidToBytes(customers.spare),
      },
      impostor.privateKey,
    );
    expect(await anna.phone.sendSignedVisitCheck('check-in', forged)).toMatchObject({
      code: 'bad-key-signature',
    });
    // The phone's own request for Olga, its customer field changed to Karl's: the signature breaks.
    const genuine = await anna.phone.signVisitCheck('check-in', customers.spare);
    const altered = Buffer.from(genuine)
      .toString('hex')
      .replace(
        Buffer.from(uuidToBytes(customers.spare)).toString('hex'),
        Buffer.from(uuidToBytes(customers.noLock)).toString('hex'),
      );
    expect(
      await anna.phone.sendSignedVisitCheck('check-in', new Uint8Array(Buffer.from(altered, 'hex'))),
    ).toMatchObject({
      code: 'bad-key-signature',
    });
    expect(await storedFor(customers.spare)).toEqual(before);
    expect(await storedFor(customers.noLock)).toMatchObject({ visits: 1 });
  });

  it('malformed messages: 400 malformed, recorded nowhere', async () => {
    const before = await storedFor(customers.spare);
    const post = (action: string, request: string) =>
      new ApiClient(server.url).post(`/api/v1/device/visits/${action}`, { request });
    const garbage = await post('check-in', Buffer.from(randomBytes(40)).toString('base64url'));
    expect([garbage.status, garbage.body.code]).toEqual([400, 'malformed']);
    // A phone's login request is another message: its content type says so.
    const login = await signCredentialRequest(
      { keyId: uuidToBytes(anna.keyId), nonce: randomBytes(16), time: world.now(), purpose: 'login' },
      (anna.phone as unknown as { config: { keyPair: CryptoKeyPair } }).config.keyPair.privateKey,
    );
    const wrongType = await post('check-in', Buffer.from(login).toString('base64url'));
    expect([wrongType.status, wrongType.body.code]).toEqual([400, 'malformed']);
    // A genuine check-out sent to check in.
    const checkOut = await anna.phone.signVisitCheck('check-out', customers.spare);
    const wrongRoute = await post('check-in', Buffer.from(checkOut).toString('base64url'));
    expect([wrongRoute.status, wrongRoute.body.code]).toEqual([400, 'malformed']);
    const notBase64 = await post('check-out', 'not base64!');
    expect([notBase64.status, notBase64.body.code]).toEqual([400, 'validation_failed']);
    // The refusal names the field, as every validation_failed does (docs/api.md).
    expect(notBase64.body.details).toEqual([expect.objectContaining({ field: 'body.request' })]);
    expect(await storedFor(customers.spare)).toEqual(before);
  });

  it('a phone whose clock is more than five minutes off: stale-challenge', async () => {
    const before = await storedFor(customers.spare);
    const late = await signVisitCheck(
      {
        keyId: uuidToBytes(anna.keyId),
        nonce: randomBytes(16),
        time: world.now() - 301,
        action: 'check-in',
        customer: uuidToBytes(customers.spare),
      },
      (anna.phone as unknown as { config: { keyPair: CryptoKeyPair } }).config.keyPair.privateKey,
    );
    expect(await anna.phone.sendSignedVisitCheck('check-in', late)).toMatchObject({
      code: 'stale-challenge',
    });
    expect(await storedFor(customers.spare)).toEqual(before);
  });

  it('a phone that is not logged in, and one that is blocked: login-required, key-blocked', async () => {
    const before = await storedFor(customers.spare);
    expect(await bo.phone.checkIn(customers.spare)).toMatchObject({ code: 'login-required' });
    const blocked = await workLeadA.patch(`/api/v1/keys/${cleo.keyId}`, {
      status: 'lost',
      statusReason: 'Tappad',
    });
    expect(blocked.status).toBe(200);
    expect(await cleo.phone.checkIn(customers.spare)).toMatchObject({ code: 'key-blocked' });
    expect(await storedFor(customers.spare)).toEqual(before);
  });
});

describe('a couple sharing a home', () => {
  it('checks in at both at once and out of each, but not at a neighbour meanwhile: 409 overlapping_visit', async () => {
    // An open check-in counts as its first minute: the spouse's check-in in the same minute
    // overlaps it, as a neighbour's does.
    world.advance(10 * 60);
    expect(await anna.phone.checkIn(customers.noLock)).toMatchObject({ isRegistered: true });
    expect(await anna.phone.checkIn(customers.spouse)).toMatchObject({ isRegistered: true });
    const before = await storedFor(customers.spare);
    expect(await anna.phone.checkIn(customers.spare)).toMatchObject({
      isRegistered: false,
      code: 'overlapping_visit',
    });
    expect(await storedFor(customers.spare)).toEqual(before);
    world.advance(20 * 60);
    for (const customer of [customers.spouse, customers.noLock]) {
      expect(await anna.phone.checkOut(customer)).toMatchObject({ isRegistered: true, state: 'registered' });
      expect(await visitsOf(workLeadA, customer)).toContainEqual(
        expect.objectContaining({ source: 'phone', state: 'registered', minutes: 20 }),
      );
    }
  });
});
