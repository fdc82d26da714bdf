// `portvakt lock-sim` (packages/cli/src/lock-sim.ts) against a real server: it enrols simulated
// locks through the API with an administrator's token (a fresh key pair each) and serves them on a
// port of its own; a phone logged in against the server opens one over that WebSocket, and the
// lock's records verify under the key the server now holds for it.
import { connectWebSocketLockLink, lockSimUrl, ManualWorldClock } from '@portvakt/devices';
import { startLockSim, type RunningLockSim } from '@portvakt/cli/lock-sim';
import {
  equalBytes,
  importPublicJwk,
  uuidToBytes,
  verifyRecordBatch,
  type PublicJwk,
} from '@portvakt/protocol';
import { testPassword } from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createVisitDayWorld, type VisitDayWorld } from './visit-day.world';

const at = (hhmm: string) => Date.parse(`2026-03-03T${hhmm}:00+01:00`) / 1000;
const world = new ManualWorldClock(at('07:00'));
let w: VisitDayWorld;
let adminToken: string;
const running: RunningLockSim[] = [];

beforeAll(async () => {
  w = await createVisitDayWorld(world, {});
  const created = await w.admin.post('/api/v1/api-tokens', {
    name: 'Låssimulator',
    role: 'municipality_admin',
  });
  expect(created.status).toBe(201);
  adminToken = created.body.token as string;
}, 120_000);
afterAll(async () => {
  for (const sim of running) await sim.stop();
  await w?.server.close();
});

const start = async (token: string, locks: string[] | 'all') => {
  const sim = await startLockSim({
    serverUrl: w.server.url,
    token,
    locks,
    port: 0,
    host: '127.0.0.1',
    world,
    log: () => undefined,
  });
  running.push(sim);
  return sim;
};

describe('portvakt lock-sim', () => {
  it('enrols a lock with the server and serves it: a logged-in phone opens it over the WebSocket', async () => {
    const sim = await start(adminToken, [w.locks.karl.id]);
    expect(sim.locks.map((l) => [l.lockId, l.lockNumber])).toEqual([[w.locks.karl.id, w.locks.karl.number]]);
    const listing = await (await fetch(sim.url)).json();
    expect(listing).toEqual({
      locks: [
        { lockId: w.locks.karl.id, lockNumber: w.locks.karl.number, path: `/lock-sim/${w.locks.karl.id}` },
      ],
    });

    world.advance(at('08:00') - world.now());
    const { phone, id: phoneId, username } = w.boPhone;
    expect(await phone.login(username, testPassword)).toEqual({ isLoggedIn: true });
    const link = await connectWebSocketLockLink(lockSimUrl(sim.url, w.locks.karl.id), { WebSocket });
    expect(await phone.openLock(link)).toEqual({ isOpen: true });
    await link.close();

    // The server now holds the simulator's key for the lock, and the records verify under it.
    const devices = (await w.auditor.get('/api/v1/devices')).body.items as Array<{
      id: string;
      publicJwk: PublicJwk;
    }>;
    const lockKey = await importPublicJwk(devices.find((d) => d.id === w.locks.karl.id)!.publicJwk);
    const [batch] = phone.takeCarriedRecords();
    const { records } = await verifyRecordBatch(batch!, lockKey);
    expect(records.at(-1)).toMatchObject({ kind: 'open-attempt', result: 'ok', verified: true });
    expect(equalBytes(records.at(-1)!.keyId!, uuidToBytes(phoneId))).toBe(true);
  });

  it('takes every installed lock with --all', async () => {
    const sim = await start(adminToken, 'all');
    expect(sim.locks.map((l) => l.lockId).sort()).toEqual(
      Object.values(w.locks)
        .map((l) => l.id)
        .sort(),
    );
  });

  it('refuses to start with a token that may not enrol locks, and enrols nothing', async () => {
    const auditorToken = await w.admin.post('/api/v1/api-tokens', {
      name: 'Revision',
      role: 'auditor',
      isReadOnly: true,
    });
    expect(auditorToken.status).toBe(201);
    const before = (await w.auditor.get('/api/v1/devices')).body.items;
    await expect(start(auditorToken.body.token as string, [w.locks.greta.id])).rejects.toThrow(/403/);
    expect((await w.auditor.get('/api/v1/devices')).body.items).toEqual(before);
  });
});
