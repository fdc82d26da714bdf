// Receivers on this machine or the server's own network (docs/webhooks.md "Receiver URL" and
// "Delivery") over real HTTP at a fixed instant: refused when a webhook is made or changed, by
// every kind of subscriber, unless the loopback flag lets this machine through for tests; never
// connected to when a delivery finds its host there; and the delivery log says each attempt's
// outcome as a code (could not connect, TLS failure, timed out, HTTP 500), never the network
// library's error text, which told a subscriber which of the server's neighbours' ports are open.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Role } from '@portvakt/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFieldCrypto } from '../platform/secrets';
import { ApiClient, createUser, testPassword } from '../platform/testing';
import { loginEveryRole, startTestWorld, unique, type TestWorld } from '../platform/world.testing';
import { runWebhookJob } from './webhook-job';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.testing';

const start = new Date('2027-03-10T10:00:00Z');
const masterKey = randomBytes(32);
const loopbackSetting = 'PORTVAKT_WEBHOOKS_ALLOW_HTTP_LOOPBACK';

let tw: TestWorld;
let clients: Record<Role, ApiClient>;
let privateWorkLead: ApiClient;
const closers: (() => Promise<void>)[] = [];

const runJob = () =>
  runWebhookJob(
    { pool: tw.server.db.pool, fieldCrypto: createFieldCrypto(masterKey), now: () => start },
    { random: () => 0, timeoutMs: 500 },
  );

async function receiver(): Promise<WebhookReceiver> {
  const made = await startWebhookReceiver();
  closers.push(() => made.close());
  return made;
}

/** A loopback port that takes connections and never answers. */
async function startSilentServer(): Promise<number> {
  const server: Server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  });
  return (server.address() as AddressInfo).port;
}

/** A loopback port nothing listens on. */
async function findClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function subscribe(client: ApiClient, url: string): Promise<string> {
  const made = await client.post('/api/v1/webhooks', { url, eventTypes: ['key.blocked'] });
  if (made.status !== 201) throw new Error(JSON.stringify(made.body));
  return made.body.id as string;
}

async function blockNewKey(): Promise<void> {
  const key = await tw.admin.post('/api/v1/keys', {
    providerId: tw.world.provider.a,
    kind: 'hardware_key',
    serial: unique('PV-SSRF'),
    holderStaffMemberId: tw.world.staffMember.a,
  });
  if (key.status !== 201) throw new Error(JSON.stringify(key.body));
  const blocked = await tw.admin.patch(`/api/v1/keys/${key.body.id}`, {
    status: 'blocked',
    statusReason: 'Tappad',
  });
  if (blocked.status !== 200) throw new Error(JSON.stringify(blocked.body));
}

/** Runs `work` with the loopback flag as given, restoring it after. */
async function withLoopbackFlag<T>(isAllowed: boolean, work: () => Promise<T>): Promise<T> {
  const before = process.env[loopbackSetting];
  if (isAllowed) process.env[loopbackSetting] = '1';
  else delete process.env[loopbackSetting];
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env[loopbackSetting];
    else process.env[loopbackSetting] = before;
  }
}

const countSubscriptions = async () =>
  Number((await tw.server.db.pool.query('SELECT count(*) AS n FROM webhook_subscription')).rows[0].n);

/** The work lead's delivery log of one subscription: its deliveries' attempts. */
async function readLog(id: string) {
  const log = await clients.work_lead.get(`/api/v1/webhooks/${id}/deliveries`);
  expect(log.status).toBe(200);
  return log;
}

beforeAll(async () => {
  tw = await startTestWorld({ now: () => start, masterKey });
  clients = await loginEveryRole(tw.server, tw.municipalityId, tw.world, tw.admin);
  privateWorkLead = await new ApiClient(tw.server.url).login(
    await createUser(tw.server.db.pool, tw.municipalityId, 'work_lead', { providerId: tw.world.provider.b }),
    testPassword,
  );
}, 120_000);

afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
  await tw?.server.close();
});

describe('webhook receivers inside the server’s network', () => {
  it('refuses loopback, private, link-local, unique-local and unspecified receivers for every subscriber', async () => {
    const internal = [
      'https://127.0.0.1:8212/x',
      'https://localhost/x',
      'https://api.localhost/x',
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.5/hook',
      'https://192.168.1.1/hook',
      'https://[::1]/hook',
      'https://[fd00::1]/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://0.0.0.0/hook',
      'https://2130706433/hook',
    ];
    const before = await countSubscriptions();
    await withLoopbackFlag(false, async () => {
      for (const [who, client] of [
        ['work lead', clients.work_lead],
        ['private provider’s work lead', privateWorkLead],
        ['property owner', clients.property_owner],
        ['admin', tw.admin],
      ] as const)
        for (const url of internal) {
          const eventTypes = who === 'property owner' ? ['consent.answered'] : ['key.blocked'];
          const answer = await client.post('/api/v1/webhooks', { url, eventTypes });
          expect(answer.status, `${who} ${url}`).toBe(422);
          expect(answer.body, `${who} ${url}`).toMatchObject({
            code: 'webhook_url_internal',
            details: { field: 'url' },
          });
        }
      // Changing a webhook's receiver to one is refused alike, and changes nothing.
      const made = await subscribe(clients.work_lead, 'https://receiver.example.org/hook');
      const moved = await clients.work_lead.patch(`/api/v1/webhooks/${made}`, {
        url: 'https://10.0.0.5/hook',
      });
      expect(moved).toMatchObject({ status: 422, body: { code: 'webhook_url_internal' } });
      expect((await clients.work_lead.get(`/api/v1/webhooks/${made}`)).body.url).toBe(
        'https://receiver.example.org/hook',
      );
      await clients.work_lead.patch(`/api/v1/webhooks/${made}`, { isEnabled: false });
    });
    expect(await countSubscriptions()).toBe(before + 1);
    // The tests' flag lets this machine through, and nothing else of the network.
    await withLoopbackFlag(true, async () => {
      const loopback = await subscribe(tw.admin, 'https://127.0.0.1:8212/x');
      await tw.admin.patch(`/api/v1/webhooks/${loopback}`, { isEnabled: false });
      for (const url of ['https://10.0.0.5/hook', 'https://169.254.169.254/x', 'https://[fd00::1]/hook'])
        expect(
          (await tw.admin.post('/api/v1/webhooks', { url, eventTypes: ['key.blocked'] })).body.code,
        ).toBe('webhook_url_internal');
    });
  });

  it('logs each failed attempt as a coarse outcome, never the network error text', async () => {
    const answering = await receiver();
    answering.answerWith(500);
    const silentPort = await startSilentServer();
    const closedPort = await findClosedPort();
    const ids = await withLoopbackFlag(true, async () => {
      const made = {
        refused: await subscribe(clients.work_lead, `http://127.0.0.1:${closedPort}/hooks`),
        // https to a plain-http port: the TLS handshake fails.
        tls: await subscribe(clients.work_lead, answering.url.replace('http:', 'https:')),
        silent: await subscribe(clients.work_lead, `http://127.0.0.1:${silentPort}/hooks`),
        failing: await subscribe(clients.work_lead, answering.url),
      };
      await blockNewKey();
      expect((await runJob()).attempts).toBe(4);
      return made;
    });
    const expected = {
      refused: { outcome: 'could_not_connect', statusCode: null },
      tls: { outcome: 'tls_failure', statusCode: null },
      silent: { outcome: 'timed_out', statusCode: null },
      failing: { outcome: 'answered', statusCode: 500 },
    };
    for (const [name, id] of Object.entries(ids)) {
      const log = await readLog(id);
      const [attempt] = log.body.items[0].attempts;
      expect(attempt, name).toEqual({
        attemptedAt: start.toISOString(),
        durationMs: expect.any(Number),
        ...expected[name as keyof typeof expected],
      });
      expect(JSON.stringify(log.body), name).not.toMatch(/ECONN|ERR_|SSL|TLS_|timed out after|fetch failed/);
      await clients.work_lead.patch(`/api/v1/webhooks/${id}`, { isEnabled: false });
    }
  });

  it('never connects to a receiver whose host is, or has come to be, inside the network', async () => {
    const inside = await receiver();
    // Made while this machine was allowed (or before such addresses were refused), then the flag is off.
    const [onLoopback, onPrivate] = await withLoopbackFlag(true, async () => [
      await subscribe(clients.work_lead, inside.url),
      await subscribe(clients.work_lead, 'https://receiver.example.org/hook'),
    ]);
    // A receiver stored with a private address (before this rule): the job refuses it too.
    await tw.server.db.pool.query(
      `UPDATE webhook_subscription SET url = 'https://10.0.0.5/hook' WHERE id = $1`,
      [onPrivate],
    );
    await withLoopbackFlag(false, async () => {
      await blockNewKey();
      expect((await runJob()).attempts).toBe(2);
    });
    expect(inside.received).toEqual([]);
    for (const id of [onLoopback, onPrivate]) {
      const [attempt] = (await readLog(id)).body.items[0].attempts;
      expect(attempt).toMatchObject({ outcome: 'address_not_allowed', statusCode: null });
      await clients.work_lead.patch(`/api/v1/webhooks/${id}`, { isEnabled: false });
    }
  });
});
