// The world of the live-view tests (tests/e2e/web-live*.test.ts): the visit-day world (a real
// server over HTTP whose clock is the simulated world's, providers A and B, locks enrolled through
// the API, Anna's and Bo's keys of provider A, an activation box and a sync station) plus a lock
// on provider B's customer Olga's door and Britt, provider B's staff member with a hardware key of
// her own, so scope can be shown both ways. A small server-sent-events reader over fetch.
import type { LiveDistrict } from '@portvakt/contract';
import {
  ActivationBox,
  HardwareKey,
  HttpIssuerGateway,
  Lock,
  type ManualWorldClock,
} from '@portvakt/devices';
import { uuidToBytes } from '@portvakt/protocol';
import { createUser, testPassword, type ApiClient } from '@portvakt/server/testing';
import { expect } from 'vitest';
import { createMembershipSince, createRecord, enrolDevice, ringFromEnrolment } from './devices.testing';
import {
  createVisitDayWorld,
  type DayStaff,
  type InstalledLock,
  type VisitDayWorld,
} from './visit-day.world';

export interface LiveWorld extends VisitDayWorld {
  /** The lock on Olga's apartment door (provider B's customer). */
  olgaLock: InstalledLock;
  /** Provider B's Britt and her key (activated at `boxB`). */
  britt: DayStaff;
  boxB: ActivationBox;
  /** Logs in a new user of the role and answers the session cookie, for EventSource-like reads. */
  sessionCookie: (role: Parameters<typeof createUser>[2], links?: Record<string, string>) => Promise<string>;
}

export async function createLiveWorld(world: ManualWorldClock): Promise<LiveWorld> {
  const w = await createVisitDayWorld(world, {});
  const { admin, otherWorkLead, server } = w;
  const olga = (await admin.get(`/api/v1/customers/${w.customers.olga}`)).body as { apartmentDoorId: string };
  const lockId = await createRecord(admin, 'locks', {
    lockType: 'cylinder_ring',
    serial: 'VD-1104',
    status: 'installed',
    doorId: olga.apartmentDoorId,
  });
  const enrolledLock = await enrolDevice(admin, { kind: 'lock', lockId });
  expect(enrolledLock.response.status).toBe(201);
  const ring = await ringFromEnrolment(enrolledLock.response);
  const lockNumber = enrolledLock.response.body.lockNumber as number;
  const olgaLock = {
    id: lockId,
    number: lockNumber,
    lock: new Lock({
      deviceId: uuidToBytes(lockId),
      lockNumber,
      issuer: 'se-vd11',
      issuerKeys: ring,
      keyPair: enrolledLock.keyPair,
      world,
    }),
  };

  // Provider B's team serves Olga; Britt is in it and gets a key, its PIN set at B's own box.
  const validFrom = '2026-01-01T00:00:00Z';
  const team = await createRecord(otherWorkLead, 'teams', { providerId: w.providerB, name: 'Öster dag' });
  await createRecord(otherWorkLead, 'team-customers', {
    teamId: team,
    customerId: w.customers.olga,
    validFrom,
  });
  const brittId = await createRecord(otherWorkLead, 'staff', {
    providerId: w.providerB,
    givenName: 'Britt',
    familyName: 'Öster',
    employmentStartsOn: '2026-01-01',
  });
  await createMembershipSince(
    otherWorkLead,
    server.db.pool,
    { teamId: team, staffMemberId: brittId },
    validFrom,
  );
  const boxEnrolment = await enrolDevice(admin, { kind: 'activation_box', label: 'Box Öster' });
  expect(boxEnrolment.response.status).toBe(201);
  const boxId = boxEnrolment.response.body.enrolment.id as string;
  const boxGateway = new HttpIssuerGateway({
    baseUrl: server.url,
    deviceId: boxId,
    privateKey: boxEnrolment.keyPair.privateKey,
    now: () => world.now(),
  });
  const keyId = await createRecord(otherWorkLead, 'keys', {
    providerId: w.providerB,
    kind: 'hardware_key',
    serial: 'VD-K-BRITT',
    holderStaffMemberId: brittId,
  });
  const enrolledKey = await enrolDevice(otherWorkLead, { kind: 'key', keyId });
  expect(enrolledKey.response.status).toBe(201);
  const key = new HardwareKey({
    deviceId: uuidToBytes(keyId),
    keyPair: enrolledKey.keyPair,
    world,
    issuerKeys: ring,
    pinIterations: 1000,
  });
  const reset = await otherWorkLead.post(`/api/v1/keys/${keyId}/pin-reset`);
  expect(reset.status).toBe(201);
  const pin = '9753';
  await key.setPin(pin);
  await key.activateWithPin(pin);
  await boxGateway.setPin({ request: await key.createActivationRequest(), code: reset.body.code, pin });
  key.deactivate();
  const pseudonym = (await otherWorkLead.get(`/api/v1/staff/${brittId}`)).body.pseudonym as string;

  const sessionCookie = async (
    role: Parameters<typeof createUser>[2],
    links: Record<string, string> = {},
  ) => {
    const username = await createUser(server.db.pool, w.municipalityId, role, links);
    return loginCookie(server.url, username);
  };
  return {
    ...w,
    olgaLock,
    britt: { id: brittId, pseudonym, key, keyId, pin },
    boxB: new ActivationBox(uuidToBytes(boxId), boxGateway),
    sessionCookie,
  };
}

/** Logs in over HTTP and answers the session cookie as a `cookie` header value. */
export async function loginCookie(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: testPassword }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .join('; ');
}

export interface StreamMessage {
  event: string;
  id: string | undefined;
  data: any;
}

/** An open `GET /api/v1/live/stream`: the messages so far, waiting for one, closing. */
export interface LiveStreamReader {
  status: number;
  messages: StreamMessage[];
  /** Waits until a message matches (or fails after `timeoutMs`). */
  waitFor: (match: (message: StreamMessage) => boolean, timeoutMs?: number) => Promise<StreamMessage>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close: () => void;
}

export async function openLiveStream(
  baseUrl: string,
  cookie: string,
  headers: Record<string, string> = {},
): Promise<LiveStreamReader> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/live/stream`, {
    headers: { cookie, accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const messages: StreamMessage[] = [];
  const waiters = new Set<() => void>();
  const ended = (async () => {
    if (!response.body || response.status !== 200) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const fields = new Map<string, string>();
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
          }
          if (!fields.has('data')) continue;
          messages.push({
            event: fields.get('event') ?? 'message',
            id: fields.get('id'),
            data: JSON.parse(fields.get('data')!),
          });
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    status: response.status,
    messages,
    ended,
    close: () => abort.abort(),
    waitFor: (match, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching message among ${JSON.stringify(messages.map((m) => m.event))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}

/** An API client's GET, for the reads the tests compare against. */
export const readDistrict = async (client: ApiClient) => {
  const response = await client.get('/api/v1/live/district');
  expect(response.status).toBe(200);
  return response.body as LiveDistrict;
};
