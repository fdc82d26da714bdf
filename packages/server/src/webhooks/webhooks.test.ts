// Webhooks over real HTTP with real receivers (node:http) at a fixed instant (docs/webhooks.md):
// a blocked key is delivered signed (verified with the standardwebhooks library) to its provider's
// receiver and not to another provider's; a failing receiver is retried with backoff, each attempt
// logged, replayed, and disabled after a day; property owners get their shared doors' locks and
// work orders (a lock as /locks shows it to them), never an apartment door's or a key safe's; bad
// input changes nothing; the role × scope matrix of every route.
import { randomBytes } from 'node:crypto';
import { roles, type Role } from '@portvakt/core';
import { tryLockWebhookJob, unlockWebhookJob } from '@portvakt/storage';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFieldCrypto } from '../platform/secrets';
import { ApiClient, createUser, testPassword } from '../platform/testing';
import { addWorld, loginEveryRole, startTestWorld, unique, type TestWorld } from '../platform/world.testing';
import { runWebhookJob } from './webhook-job';
import { startWebhookReceiver, webhookHeaders, type WebhookReceiver } from './webhook-receiver.testing';

const start = new Date('2027-03-10T10:00:00Z');
let clock = start;
const masterKey = randomBytes(32);
const fieldCrypto = createFieldCrypto(masterKey);
const loopbackSetting = 'PORTVAKT_WEBHOOKS_ALLOW_HTTP_LOOPBACK';
const missingId = '00000000-0000-4000-8000-000000000000';

let tw: TestWorld;
let clients: Record<Role, ApiClient>;
let workLeadB: ApiClient;
let ownerB: ApiClient;
const receivers: WebhookReceiver[] = [];

const runJob = () =>
  runWebhookJob(
    { pool: tw.server.db.pool, fieldCrypto, now: () => clock },
    { random: () => 0, timeoutMs: 2_000 },
  );

async function receiver(): Promise<WebhookReceiver> {
  const made = await startWebhookReceiver();
  receivers.push(made);
  return made;
}

async function subscribe(client: ApiClient, url: string, eventTypes: string[]) {
  const made = await client.post('/api/v1/webhooks', { url, eventTypes, description: 'Test' });
  if (made.status !== 201) throw new Error(JSON.stringify(made.body));
  return made.body as { id: string; secret: string };
}

async function makeKey(providerId: string, staffMemberId: string): Promise<string> {
  const key = await tw.admin.post('/api/v1/keys', {
    providerId,
    kind: 'hardware_key',
    serial: unique('PV-WH'),
    holderStaffMemberId: staffMemberId,
  });
  if (key.status !== 201) throw new Error(JSON.stringify(key.body));
  return key.body.id;
}

async function blockKey(keyId: string): Promise<void> {
  const blocked = await tw.admin.patch(`/api/v1/keys/${keyId}`, {
    status: 'blocked',
    statusReason: 'Tappad',
  });
  if (blocked.status !== 200) throw new Error(JSON.stringify(blocked.body));
}

/** A new door of `kind` at `propertyId`; answers its id. */
async function makeDoor(propertyId: string, kind: 'entrance' | 'key_safe'): Promise<string> {
  const door = await tw.admin.post('/api/v1/doors', {
    propertyId,
    kind,
    label: unique(kind === 'entrance' ? 'Port' : 'Nyckelgömma'),
  });
  if (door.status !== 201) throw new Error(JSON.stringify(door.body));
  return door.body.id;
}

/** A key safe at property A's owner's building, with a lock installed: a home-care customer's door (R2.7). */
async function makeKeySafeLock(): Promise<{ doorId: string; lockId: string }> {
  const doorId = await makeDoor(tw.world.property.a, 'key_safe');
  const lock = await tw.admin.post('/api/v1/locks', {
    lockType: 'key_safe',
    serial: unique('PV-KS'),
    status: 'installed',
    doorId,
    batteryLevel: 80,
  });
  if (lock.status !== 201) throw new Error(JSON.stringify(lock.body));
  return { doorId, lockId: lock.body.id };
}

const countSubscriptions = async () =>
  Number((await tw.server.db.pool.query('SELECT count(*) AS n FROM webhook_subscription')).rows[0].n);

beforeAll(async () => {
  process.env[loopbackSetting] = '1';
  tw = await startTestWorld({ now: () => clock, masterKey });
  clients = await loginEveryRole(tw.server, tw.municipalityId, tw.world, tw.admin);
  const pool = tw.server.db.pool;
  workLeadB = await new ApiClient(tw.server.url).login(
    await createUser(pool, tw.municipalityId, 'work_lead', { providerId: tw.world.provider.b }),
    testPassword,
  );
  ownerB = await new ApiClient(tw.server.url).login(
    await createUser(pool, tw.municipalityId, 'property_owner', {
      propertyOwnerId: tw.world.propertyOwner.b,
    }),
    testPassword,
  );
}, 120_000);

afterAll(async () => {
  delete process.env[loopbackSetting];
  await Promise.all(receivers.map((made) => made.close()));
  await tw?.server.close();
});

describe('webhooks', () => {
  it('delivers a blocked key, signed, to its provider’s receiver and not to another provider’s', async () => {
    const receiverA = await receiver();
    const receiverB = await receiver();
    const subscriptionA = await subscribe(clients.work_lead, receiverA.url, ['key.blocked']);
    const subscriptionB = await subscribe(workLeadB, receiverB.url, ['key.blocked', 'emergency.opened']);
    expect(subscriptionA.secret).toMatch(/^whsec_/);
    const keyId = await makeKey(tw.world.provider.a, tw.world.staffMember.a);
    await blockKey(keyId);

    const run = await runJob();
    expect(run).toMatchObject({ isSkipped: false, eventsMade: 1, attempts: 1 });
    expect(receiverB.received).toEqual([]);
    expect(receiverA.received).toHaveLength(1);
    const [delivered] = receiverA.received;
    const payload = new Webhook(subscriptionA.secret).verify(delivered!.body, webhookHeaders(delivered!));
    expect(payload).toEqual({
      type: 'key.blocked',
      timestamp: expect.any(String),
      data: { keyId, providerId: tw.world.provider.a, status: 'blocked', reason: 'Tappad' },
    });
    // Another subscriber's secret does not verify it.
    expect(() =>
      new Webhook(subscriptionB.secret).verify(delivered!.body, webhookHeaders(delivered!)),
    ).toThrow();

    const log = await clients.work_lead.get(`/api/v1/webhooks/${subscriptionA.id}/deliveries`);
    expect(log.status).toBe(200);
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({
      eventId: delivered!.headers['webhook-id'],
      eventType: 'key.blocked',
      status: 'delivered',
      attempts: [{ attemptedAt: start.toISOString(), outcome: 'answered', statusCode: 200 }],
    });
    expect((await workLeadB.get(`/api/v1/webhooks/${subscriptionB.id}/deliveries`)).body.items).toEqual([]);
    // Nothing is sent twice.
    expect(await runJob()).toMatchObject({ eventsMade: 0, attempts: 0 });
    expect(receiverA.received).toHaveLength(1);
    await clients.work_lead.patch(`/api/v1/webhooks/${subscriptionA.id}`, { isEnabled: false });
    await workLeadB.patch(`/api/v1/webhooks/${subscriptionB.id}`, { isEnabled: false });
  });

  it('retries a failing receiver with backoff, logs each attempt, replays, and disables it after a day', async () => {
    const failing = await receiver();
    failing.answerWith(500);
    const subscription = await subscribe(clients.work_lead, failing.url, ['key.blocked']);
    const keyId = await makeKey(tw.world.provider.a, tw.world.staffMember.a);
    await blockKey(keyId);
    const path = `/api/v1/webhooks/${subscription.id}`;
    const attemptsLogged = async () => (await clients.work_lead.get(`${path}/deliveries`)).body.items[0];

    expect((await runJob()).attempts).toBe(1);
    const first = await attemptsLogged();
    expect(first).toMatchObject({ status: 'pending', attempts: [{ outcome: 'answered', statusCode: 500 }] });
    // 30 s after the first failure, then 1 min, then 2 min (jitter drawn as 0 here).
    expect(first.nextAttemptAt).toBe(new Date(start.getTime() + 30_000).toISOString());
    clock = new Date(start.getTime() + 29_000);
    expect((await runJob()).attempts).toBe(0);
    clock = new Date(start.getTime() + 30_000);
    expect((await runJob()).attempts).toBe(1);
    expect((await attemptsLogged()).nextAttemptAt).toBe(new Date(clock.getTime() + 60_000).toISOString());
    clock = new Date(clock.getTime() + 60_000);
    expect((await runJob()).attempts).toBe(1);
    const third = await attemptsLogged();
    expect(third.nextAttemptAt).toBe(new Date(clock.getTime() + 120_000).toISOString());
    expect(third.attempts.map((attempt: { attemptedAt: string }) => attempt.attemptedAt)).toEqual([
      start.toISOString(),
      new Date(start.getTime() + 30_000).toISOString(),
      new Date(start.getTime() + 90_000).toISOString(),
    ]);
    expect(failing.received).toHaveLength(3);
    // The same message on every attempt: one webhook-id.
    expect(new Set(failing.received.map((made) => made.headers['webhook-id'])).size).toBe(1);
    expect((await clients.work_lead.get(path)).body.failingSince).toBe(start.toISOString());

    // A delivery still being retried cannot be replayed.
    const pending = await clients.work_lead.post(`${path}/deliveries/${third.id}/replay`);
    expect(pending).toMatchObject({ status: 409, body: { code: 'webhook_delivery_not_failed' } });

    // A day after the first failure, the next failure disables the subscription and says why.
    clock = new Date(start.getTime() + 24 * 60 * 60 * 1000);
    expect((await runJob()).attempts).toBe(1);
    const disabled = (await clients.work_lead.get(path)).body;
    expect(disabled).toMatchObject({ isEnabled: false, disabledBy: null, disabledAt: clock.toISOString() });
    expect(disabled.disabledReason).toContain(`failed since ${start.toISOString()}`);
    expect(disabled.disabledReason).toContain('HTTP 500');
    expect((await attemptsLogged()).status).toBe('failed');
    const audit = await tw.server.db.pool.query(
      `SELECT actor_label FROM audit_entry WHERE entity = 'webhook_subscription' AND entity_id = $1 AND action = 'disable'`,
      [subscription.id],
    );
    expect(audit.rows).toEqual([{ actor_label: 'webhook delivery' }]);
    expect((await runJob()).attempts).toBe(0);

    // The receiver is fixed: enable, replay the failed delivery, and it arrives with the same id.
    failing.answerWith(204);
    const enabled = await clients.work_lead.patch(path, { isEnabled: true });
    expect(enabled.body).toMatchObject({ isEnabled: true, disabledReason: null, failingSince: null });
    const replayed = await clients.work_lead.post(`${path}/deliveries/${third.id}/replay`);
    expect(replayed).toMatchObject({
      status: 200,
      body: { status: 'pending', nextAttemptAt: clock.toISOString() },
    });
    expect((await runJob()).attempts).toBe(1);
    expect(await attemptsLogged()).toMatchObject({ status: 'delivered' });
    expect((await attemptsLogged()).attempts).toHaveLength(5);
    const last = failing.received.at(-1)!;
    expect(last.headers['webhook-id']).toBe(failing.received[0]!.headers['webhook-id']);
    expect(new Webhook(subscription.secret).verify(last.body, webhookHeaders(last))).toMatchObject({
      type: 'key.blocked',
      data: { keyId },
    });
    const again = await clients.work_lead.post(`${path}/deliveries/${third.id}/replay`);
    expect(again).toMatchObject({ status: 409, body: { code: 'webhook_delivery_not_failed' } });
    await clients.work_lead.patch(path, { isEnabled: false });
    clock = start;
  });

  it('sends a property owner its shared doors’ low batteries once, never an apartment door’s or key safe’s', async () => {
    const ownerReceiver = await receiver();
    const adminReceiver = await receiver();
    const subscription = await subscribe(clients.property_owner, ownerReceiver.url, ['lock.battery_low']);
    const adminSubscription = await subscribe(tw.admin, adminReceiver.url, ['lock.battery_low']);
    const { lockDevice } = tw.world;
    const keySafe = await makeKeySafeLock();
    const lowered = [lockDevice.a, lockDevice.apartmentA, keySafe.lockId, lockDevice.b];
    for (const lockId of lowered)
      expect((await tw.admin.patch(`/api/v1/locks/${lockId}`, { batteryLevel: 10 })).status).toBe(200);
    await runJob();
    const lockIdsOf = (made: WebhookReceiver) =>
      made.received.map((one) => (JSON.parse(one.body) as { data: { lockId: string } }).data.lockId).sort();
    expect(lockIdsOf(ownerReceiver)).toEqual([lockDevice.a]);
    expect(lockIdsOf(adminReceiver)).toEqual([...lowered].sort());
    const payload = new Webhook(subscription.secret).verify(
      ownerReceiver.received[0]!.body,
      webhookHeaders(ownerReceiver.received[0]!),
    ) as { type: string; timestamp: string; data: Record<string, unknown> };
    expect(payload).toMatchObject({ type: 'lock.battery_low', timestamp: clock.toISOString() });
    // The owner gets the lock as /locks shows it: its reference as the serial, no lock number
    // (numbers are handed out in sequence, so their gaps would reveal apartment locks).
    expect(Object.keys(payload.data).sort()).toEqual([
      'batteryLevel',
      'doorId',
      'lockId',
      'propertyId',
      'serial',
    ]);
    const ownersLock = await clients.property_owner.get(`/api/v1/locks/${lockDevice.a}`);
    expect(payload.data.serial).toBe(ownersLock.body.serial);
    const realSerial = (await tw.admin.get(`/api/v1/locks/${lockDevice.a}`)).body.serial as string;
    expect(realSerial).not.toBe(ownersLock.body.serial);
    expect(ownerReceiver.received[0]!.body).not.toContain(realSerial);
    const adminSent = adminReceiver.received.find((one) => one.body.includes(lockDevice.a))!;
    expect(Object.keys((JSON.parse(adminSent.body) as { data: object }).data)).toContain('lockNumber');
    // Raised once until it clears.
    await runJob();
    expect(ownerReceiver.received).toHaveLength(1);
    for (const lockId of lowered) await tw.admin.patch(`/api/v1/locks/${lockId}`, { batteryLevel: 80 });
    await runJob();
    await clients.property_owner.patch(`/api/v1/webhooks/${subscription.id}`, { isEnabled: false });
    await tw.admin.patch(`/api/v1/webhooks/${adminSubscription.id}`, { isEnabled: false });
  });

  it('sends a property owner the work orders at its shared doors, never at a key safe', async () => {
    const ownerReceiver = await receiver();
    const subscription = await subscribe(clients.property_owner, ownerReceiver.url, ['work_order.changed']);
    const keySafe = await makeKeySafeLock();
    const order = async (doorId: string) => {
      const made = await tw.admin.post('/api/v1/work-orders', { kind: 'repair', doorId });
      if (made.status !== 201) throw new Error(JSON.stringify(made.body));
      return made.body.id as string;
    };
    const atEntrance = await order(tw.world.door.a);
    const atKeySafe = await order(keySafe.doorId);
    await runJob();
    const orderIds = ownerReceiver.received.map(
      (one) => (JSON.parse(one.body) as { data: { workOrderId: string } }).data.workOrderId,
    );
    expect(orderIds).toContain(atEntrance);
    expect(orderIds).not.toContain(atKeySafe);
    // The order's state as `status` (docs/webhooks.md), from the audit entry of its creation.
    const sent = ownerReceiver.received.find((one) => one.body.includes(atEntrance))!;
    expect(JSON.parse(sent.body).data).toEqual({
      workOrderId: atEntrance,
      change: 'create',
      status: 'requested',
    });
    await clients.property_owner.patch(`/api/v1/webhooks/${subscription.id}`, { isEnabled: false });
  });

  it('sends a move order to the owners of both its doors, the one the lock leaves and the one it goes to, never for a key safe', async () => {
    const receiverA = await receiver();
    const receiverB = await receiver();
    const ofOwnerA = await subscribe(clients.property_owner, receiverA.url, ['work_order.changed']);
    const ofOwnerB = await subscribe(ownerB, receiverB.url, ['work_order.changed']);
    // A new entrance at owner A's property; the lock comes from owner B's entrance.
    const move = await tw.admin.post('/api/v1/work-orders', {
      kind: 'move',
      doorId: tw.world.door.b,
      targetDoorId: await makeDoor(tw.world.property.a, 'entrance'),
    });
    expect(move.status, JSON.stringify(move.body)).toBe(201);
    // A move to a customer's key safe at owner A's property is not owner A's to know (R2.7).
    const keySafe = await makeKeySafeLock();
    const toKeySafe = await tw.admin.post('/api/v1/work-orders', {
      kind: 'move',
      doorId: await makeDoor(tw.world.property.b, 'entrance'),
      targetDoorId: keySafe.doorId,
    });
    expect(toKeySafe.status, JSON.stringify(toKeySafe.body)).toBe(201);
    await runJob();
    const orderIdsOf = (made: WebhookReceiver) =>
      made.received.map(
        (one) => (JSON.parse(one.body) as { data: { workOrderId: string } }).data.workOrderId,
      );
    expect(orderIdsOf(receiverA)).toEqual([move.body.id]);
    // Deliveries go out concurrently, so in either order.
    expect(orderIdsOf(receiverB).sort()).toEqual([move.body.id, toKeySafe.body.id].sort());
    await clients.property_owner.patch(`/api/v1/webhooks/${ofOwnerA.id}`, { isEnabled: false });
    await ownerB.patch(`/api/v1/webhooks/${ofOwnerB.id}`, { isEnabled: false });
  });

  it('sends a lock that has not had the block list for a day once, to the owner of its shared door', async () => {
    // Block-list entries carry the database's time, so this clock is placed relative to the wall
    // clock (it moves with faketime alike); the locks of the other tests may or may not have been
    // raised already, so only this test's lock and the owner's never-visible ones are asserted.
    const lagReceiver = await receiver();
    const subscription = await subscribe(clients.property_owner, lagReceiver.url, [
      'lock.block_list_lagging',
    ]);
    const doorId = await makeDoor(tw.world.property.a, 'entrance');
    const lock = await tw.admin.post('/api/v1/locks', {
      lockType: 'cylinder_ring',
      serial: unique('PV-LAG'),
      status: 'installed',
      doorId,
      batteryLevel: 80,
    });
    expect(lock.status).toBe(201);
    await blockKey(await makeKey(tw.world.provider.b, tw.world.staffMember.b));
    const wallNow = Date.now();
    const lockIds = () =>
      lagReceiver.received.map((one) => (JSON.parse(one.body) as { data: { lockId: string } }).data.lockId);
    try {
      clock = new Date(wallNow + 23 * 60 * 60 * 1000);
      await runJob();
      expect(lockIds()).not.toContain(lock.body.id);
      clock = new Date(wallNow + 25 * 60 * 60 * 1000);
      await runJob();
      await runJob();
      expect(lockIds().filter((id) => id === lock.body.id)).toHaveLength(1);
      expect(lockIds()).not.toContain(tw.world.lockDevice.apartmentA);
      expect(lockIds()).not.toContain(tw.world.lockDevice.b);
      const sent = lagReceiver.received.find((one) => one.body.includes(lock.body.id))!;
      expect(new Webhook(subscription.secret).verify(sent.body, webhookHeaders(sent))).toMatchObject({
        type: 'lock.block_list_lagging',
        data: {
          lockId: lock.body.id,
          doorId,
          propertyId: tw.world.property.a,
          reportedVersion: null,
        },
      });
    } finally {
      clock = start;
      await clients.property_owner.patch(`/api/v1/webhooks/${subscription.id}`, { isEnabled: false });
    }
  });

  it('sends a confirmed exception to its provider, a missed planned visit (no visit of its own) too', async () => {
    const receiverA = await receiver();
    const receiverB = await receiver();
    const subscriptionA = await subscribe(clients.work_lead, receiverA.url, ['visit.exception']);
    const subscriptionB = await subscribe(workLeadB, receiverB.url, ['visit.exception']);
    // The day before the clock: a plan nobody came to, and a visit nobody planned.
    const plans = await tw.admin.put('/api/v1/planned-visits', [
      {
        externalId: unique('WH-PLAN'),
        customerId: tw.world.customer.a,
        providerId: tw.world.provider.a,
        services: ['meals'],
        plannedMinutes: 30,
        windowStart: '2027-03-09T07:00:00+01:00',
        windowEnd: '2027-03-09T08:00:00+01:00',
      },
    ]);
    expect(plans.status).toBe(200);
    const visit = await clients.work_lead.post('/api/v1/visits', {
      customerId: tw.world.customer.a,
      staffMemberIds: [tw.world.staffMember.a],
      services: ['meals'],
      arrival: '2027-03-09T13:00:00+01:00',
      departure: '2027-03-09T13:20:00+01:00',
    });
    expect(visit.status).toBe(201);
    const queue = await clients.work_lead.get(
      '/api/v1/visit-exceptions?from=2027-03-09T00:00:00%2B01:00&to=2027-03-10T00:00:00%2B01:00',
    );
    const exceptions = queue.body.items as { key: string; code: string; at: string }[];
    expect(exceptions.map((e) => e.code).sort()).toEqual(['missed_planned_visit', 'unplanned_visit']);
    for (const exception of exceptions) {
      const confirmed = await clients.work_lead.post('/api/v1/visit-exceptions/confirmations', {
        key: exception.key,
        at: exception.at,
        reason: 'Kunden var på sjukhus',
      });
      expect(confirmed.status).toBe(201);
    }

    await runJob();
    const sent = receiverA.received.map(
      (one) => new Webhook(subscriptionA.secret).verify(one.body, webhookHeaders(one)) as { data: object },
    );
    const keyOf = (code: string) => exceptions.find((e) => e.code === code)!.key;
    expect(sent.map((one) => one.data)).toEqual(
      expect.arrayContaining([
        {
          visitId: null,
          providerId: tw.world.provider.a,
          code: 'missed_planned_visit',
          exceptionKey: keyOf('missed_planned_visit'),
        },
        {
          visitId: visit.body.id,
          providerId: tw.world.provider.a,
          code: 'unplanned_visit',
          exceptionKey: keyOf('unplanned_visit'),
        },
      ]),
    );
    expect(sent).toHaveLength(2);
    expect(receiverB.received).toEqual([]);
    await clients.work_lead.patch(`/api/v1/webhooks/${subscriptionA.id}`, { isEnabled: false });
    await workLeadB.patch(`/api/v1/webhooks/${subscriptionB.id}`, { isEnabled: false });
  });

  it('keeps sending other municipalities’ events while one municipality’s cannot be made', async () => {
    const other = await addWorld(tw.server);
    const receiverHere = await receiver();
    const receiverThere = await receiver();
    const here = await subscribe(tw.admin, receiverHere.url, ['key.blocked']);
    const there = await subscribe(other.admin, receiverThere.url, ['key.blocked']);
    await blockKey(await makeKey(tw.world.provider.a, tw.world.staffMember.a));
    const keyThere = await other.admin.post('/api/v1/keys', {
      providerId: other.world.provider.a,
      kind: 'hardware_key',
      serial: unique('PV-WH'),
      holderStaffMemberId: other.world.staffMember.a,
    });
    expect(keyThere.status).toBe(201);
    expect(
      (
        await other.admin.patch(`/api/v1/keys/${keyThere.body.id}`, {
          status: 'blocked',
          statusReason: 'Tappad',
        })
      ).status,
    ).toBe(200);
    // A fault in this municipality's events alone: PostgreSQL refuses them, as a bug would.
    const { pool, superuser } = tw.server.db;
    await superuser.query(`CREATE FUNCTION refuse_webhook_event_in_test() RETURNS trigger LANGUAGE plpgsql
      AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await superuser.query(`CREATE TRIGGER refuse_webhook_event_in_test BEFORE INSERT ON webhook_event FOR EACH ROW
      WHEN (NEW.municipality_id = '${tw.municipalityId}') EXECUTE FUNCTION refuse_webhook_event_in_test()`);
    const failed: string[] = [];
    const runNoting = () =>
      runWebhookJob(
        { pool, fieldCrypto, now: () => clock },
        {
          random: () => 0,
          timeoutMs: 2_000,
          onCollectFailure: (municipalityId) => failed.push(municipalityId),
        },
      );
    try {
      await runNoting();
      expect(failed).toEqual([tw.municipalityId]);
      expect(receiverThere.received).toHaveLength(1);
      expect(receiverHere.received).toEqual([]);
    } finally {
      await superuser.query('DROP TRIGGER refuse_webhook_event_in_test ON webhook_event');
      await superuser.query('DROP FUNCTION refuse_webhook_event_in_test()');
    }
    // Fixed: this municipality's events are made from where its cursor stayed, none lost.
    await runNoting();
    expect(failed).toEqual([tw.municipalityId]);
    expect(receiverHere.received).toHaveLength(1);
    expect(receiverThere.received).toHaveLength(1);
    await tw.admin.patch(`/api/v1/webhooks/${here.id}`, { isEnabled: false });
    await other.admin.patch(`/api/v1/webhooks/${there.id}`, { isEnabled: false });
  });

  it('runs once cluster-wide: a run is skipped while another process holds the job’s lock', async () => {
    const other = await tw.server.db.pool.connect();
    try {
      expect(await tryLockWebhookJob(other)).toBe(true);
      expect(await runJob()).toEqual({ isSkipped: true, eventsMade: 0, attempts: 0 });
      await unlockWebhookJob(other);
      expect((await runJob()).isSkipped).toBe(false);
    } finally {
      other.release();
    }
  });

  it('answers bad input with 4xx and a code, and changes nothing', async () => {
    const before = await countSubscriptions();
    const refused = async (client: ApiClient, body: unknown, status: number, code: string) => {
      const answer = await client.post('/api/v1/webhooks', body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.body.code).toBe(code);
    };
    await refused(
      tw.admin,
      { url: 'http://example.org/hook', eventTypes: ['key.blocked'] },
      422,
      'webhook_url_invalid',
    );
    await refused(
      tw.admin,
      { url: 'ftp://127.0.0.1/hook', eventTypes: ['key.blocked'] },
      422,
      'webhook_url_invalid',
    );
    await refused(tw.admin, { url: 'not a url', eventTypes: ['key.blocked'] }, 422, 'webhook_url_invalid');
    await refused(
      tw.admin,
      { url: 'https://u:p@example.org/', eventTypes: ['key.blocked'] },
      422,
      'webhook_url_invalid',
    );
    await refused(
      clients.work_lead,
      { url: 'https://example.org/hook', eventTypes: ['lock.battery_low'] },
      422,
      'webhook_event_type_not_allowed',
    );
    await refused(
      clients.property_owner,
      { url: 'https://example.org/hook', eventTypes: ['key.blocked'] },
      422,
      'webhook_event_type_not_allowed',
    );
    await refused(
      tw.admin,
      { url: 'https://example.org/hook', eventTypes: ['key.stolen'] },
      400,
      'validation_failed',
    );
    await refused(tw.admin, { url: 'https://example.org/hook', eventTypes: [] }, 400, 'validation_failed');
    delete process.env[loopbackSetting];
    try {
      await refused(
        tw.admin,
        { url: 'http://127.0.0.1:9/hook', eventTypes: ['key.blocked'] },
        422,
        'webhook_url_invalid',
      );
    } finally {
      process.env[loopbackSetting] = '1';
    }
    const made = await subscribe(tw.admin, 'https://example.org/hook', ['key.blocked']);
    const patch = await tw.admin.patch(`/api/v1/webhooks/${made.id}`, { url: 'gopher://example.org' });
    expect(patch).toMatchObject({ status: 422, body: { code: 'webhook_url_invalid' } });
    expect((await tw.admin.get(`/api/v1/webhooks/${made.id}`)).body.url).toBe('https://example.org/hook');
    expect(await countSubscriptions()).toBe(before + 1);
    await tw.admin.patch(`/api/v1/webhooks/${made.id}`, { isEnabled: false });
  });

  it('keeps every route to the subscriber’s scope (role × scope)', async () => {
    const ofA = await subscribe(clients.work_lead, 'https://a.example.org/hook', ['key.blocked']);
    const ofB = await subscribe(workLeadB, 'https://b.example.org/hook', ['key.blocked']);
    const ofOwnerA = await subscribe(clients.property_owner, 'https://o.example.org/hook', [
      'consent.answered',
    ]);
    const ofOwnerB = await subscribe(ownerB, 'https://p.example.org/hook', ['consent.answered']);
    const listIds = async (client: ApiClient) =>
      ((await client.get('/api/v1/webhooks')).body.items as { id: string }[]).map((item) => item.id);
    expect(await listIds(tw.admin)).toEqual(
      expect.arrayContaining([ofA.id, ofB.id, ofOwnerA.id, ofOwnerB.id]),
    );
    const workLeadIds = await listIds(clients.work_lead);
    expect(workLeadIds).toContain(ofA.id);
    expect(workLeadIds).not.toContain(ofB.id);
    expect(workLeadIds).not.toContain(ofOwnerA.id);
    const ownerIds = await listIds(clients.property_owner);
    expect(ownerIds).toContain(ofOwnerA.id);
    expect(ownerIds.some((id) => [ofA.id, ofB.id, ofOwnerB.id].includes(id))).toBe(false);
    // No secret is ever read back.
    expect((await tw.admin.get(`/api/v1/webhooks/${ofA.id}`)).body.secret).toBeUndefined();

    const routes = (id: string) =>
      [
        ['GET', `/api/v1/webhooks/${id}`],
        ['PATCH', `/api/v1/webhooks/${id}`, { description: 'x' }],
        ['POST', `/api/v1/webhooks/${id}/rotate-secret`],
        ['GET', `/api/v1/webhooks/${id}/deliveries`],
        ['POST', `/api/v1/webhooks/${id}/deliveries/${missingId}/replay`],
      ] as const;
    // Someone else's subscription is 404 on every route; a missing delivery of one's own is 404 too.
    for (const [client, others] of [
      [clients.work_lead, [ofB.id, ofOwnerA.id]],
      [workLeadB, [ofA.id]],
      [clients.property_owner, [ofA.id, ofOwnerB.id]],
      [ownerB, [ofOwnerA.id]],
    ] as const)
      for (const other of others)
        for (const [method, url, body] of routes(other))
          expect((await client.request(method, url, body)).status, `${method} ${url}`).toBe(404);
    for (const [method, url, body] of routes(ofA.id)) {
      const expected = url.endsWith('/replay') ? 404 : 200;
      expect((await clients.work_lead.request(method, url, body)).status, `${method} ${url}`).toBe(expected);
      expect((await tw.admin.request(method, url, body)).status, `${method} ${url}`).toBe(expected);
    }
    // Roles that may not subscribe at all are refused everywhere.
    for (const role of roles.filter(
      (r) => !['municipality_admin', 'work_lead', 'property_owner'].includes(r),
    )) {
      const client = clients[role];
      expect((await client.get('/api/v1/webhooks')).status, role).toBe(403);
      const body = { url: 'https://x.example.org/', eventTypes: ['key.blocked'] };
      expect((await client.post('/api/v1/webhooks', body)).status, role).toBe(403);
      for (const [method, url, routeBody] of routes(ofA.id))
        expect((await client.request(method, url, routeBody)).status, `${role} ${method} ${url}`).toBe(403);
    }
    // The audit trail has the creation, never the secret.
    const audit = await tw.server.db.pool.query(
      `SELECT action, after::text AS after FROM audit_entry WHERE entity = 'webhook_subscription' AND entity_id = $1 ORDER BY id`,
      [ofA.id],
    );
    expect(audit.rows.map((row) => row.action)).toEqual(['create', 'update', 'update', 'rotate', 'rotate']);
    expect(audit.rows.some((row) => String(row.after).includes('whsec_'))).toBe(false);
  });
});
