// The server-backed district issuer (packages/simulation/src/http-district-issuer.ts) against a
// real server on the simulation's clock, with the district read from the demo municipality: the
// keys and phones enrolled through the device administration get from the server's permission
// compiler exactly the doors the simulation walks to, the records reach the event log verified,
// a lost phone or key is blocked through the API and then refused by the issuer.
import { Phone } from '@portvakt/devices';
import { bytesToUuid, eventKinds, eventResults, hexToBytes } from '@portvakt/protocol';
import {
  createHttpDistrictIssuer,
  DistrictSimulation,
  SimulationClock,
  type DistrictIssuer,
  type SimulationEvent,
} from '@portvakt/simulation';
import { ApiClient, startTestServer, type TestServer } from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoAdmin } from '@portvakt/cli/demo-admin';
import { readDemoDistrict, type DemoDistrict } from '@portvakt/cli/demo-district';
import { demoPassword, seedDemo } from '@portvakt/cli/seed-demo';

/** Friday 20 November 2026, 06:50 UTC (seed-demo's own test instant): fixed, never today's date. */
const start = Date.UTC(2026, 10, 20, 6, 50) / 1000;
const clock = new SimulationClock(start);
let server: TestServer;
let demo: DemoDistrict;
let issuer: DistrictIssuer;
let simulation: DistrictSimulation;
const events: SimulationEvent[] = [];

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(clock.now() * 1000) });
  const seeded = await seedDemo(server.db.pool, { now: new Date(start * 1000) });
  const admin = await loginDemoAdmin(server.url);
  const enrolled = (await admin.get('/api/v1/devices?kind=lock')).items as Array<{ lockDeviceId: string }>;
  demo = await readDemoDistrict({
    pool: server.db.pool,
    municipalityId: seeded.municipalityId,
    listAll: (path) => admin.listAll(path),
    enrolledLockIds: new Set(enrolled.map((device) => device.lockDeviceId)),
    start,
    seed: 7,
  });
  issuer = await createHttpDistrictIssuer({
    baseUrl: server.url,
    token: admin.token,
    world: clock,
    lockIdOf: demo.lockIdOf,
    providerOf: demo.providerOf,
  });
  simulation = await DistrictSimulation.create({
    district: demo.district,
    issuer,
    clock,
    seed: 7,
    alarmRate: 1.5,
    losses: { count: 1, from: 3600, until: 3 * 3600 },
    isPhoneUploadAfterVisit: true,
  });
  simulation.subscribe((event) => events.push(event));
  // Day and evening shifts and the night patrol's refused visit (23:30).
  await simulation.runUntil(start + 18 * 3600);
}, 280_000);

afterAll(async () => server?.close());

describe('the server-backed district issuer', () => {
  it('is a small district of the demo municipality: keys and phones, tens of locks', () => {
    const { district } = demo;
    expect(district.locks.length).toBeGreaterThanOrEqual(10);
    expect(district.locks.length).toBeLessThan(60);
    expect(district.staff.length).toBeGreaterThanOrEqual(8);
    expect(new Set(district.teams.map((team) => team.holderKind))).toEqual(new Set(['key', 'phone']));
  });

  it('gets from the server exactly the doors the simulation walks to: every opening but the planned refusal opens', () => {
    const openings = events.flatMap((event) => (event.type === 'opening' ? [event] : []));
    const opened = openings.filter((event) => event.isOpen);
    expect(new Set(opened.map((event) => event.holder))).toEqual(new Set(['key', 'phone']));
    expect(opened.length).toBeGreaterThan(20);
    const refused = openings.filter((event) => !event.isOpen);
    expect(refused.length).toBeGreaterThan(0);
    // Only the night patrol at the customer its team is not assigned to is refused, by the lock.
    for (const event of refused)
      expect(event).toMatchObject({ purpose: 'night-patrol', reason: 'wrong-lock' });
  });

  it('brings the locks’ records to the event log, verified, at the simulation’s time', async () => {
    const auditor = await new ApiClient(server.url).login('demo.admin', demoPassword);
    const range = new URLSearchParams({
      from: new Date(start * 1000).toISOString(),
      to: new Date((start + 18 * 3600) * 1000).toISOString(),
    });
    let opened = 0;
    for (const spec of demo.district.locks) {
      const page = await auditor.get(
        `/api/v1/event-log/lock/${demo.lockIdOf(spec.number)}?${range.toString()}`,
      );
      expect(page.status).toBe(200);
      for (const record of page.body.items as Array<{ kind: number; result: number }>)
        if (record.kind === eventKinds['open-attempt'] && record.result === eventResults.ok) opened += 1;
    }
    // Keys upload at the end of their shift, phones after each visit: most openings are in.
    const simulated = events.filter((event) => event.type === 'opening' && event.isOpen).length;
    expect(opened).toBeGreaterThan(simulated / 2);
    expect(opened).toBeLessThanOrEqual(simulated);
  });

  it('blocks the lost key through the API: it is on the block list, and the issuer refuses it', async () => {
    const blocked = events.find((event) => event.type === 'key-blocked');
    expect(blocked).toBeDefined();
    if (blocked?.type !== 'key-blocked') return;
    const keyId = bytesToUuid(hexToBytes(blocked.keyId));
    const auditor = await new ApiClient(server.url).login('demo.admin', demoPassword);
    const list = await auditor.get('/api/v1/block-list');
    expect(list.body.entries).toContainEqual(
      expect.objectContaining({ digitalKeyId: keyId, addedInVersion: blocked.version }),
    );
    const lost = simulation.lostDevice(blocked.keyId)!;
    const member = demo.district.staff.find((staff) => staff.id === blocked.staff)!;
    if (lost.holder instanceof Phone) {
      expect(await lost.holder.login(member.username, member.password)).toEqual({
        isLoggedIn: false,
        reason: 'key-blocked',
      });
    } else {
      const box = simulation.devices.boxes[member.team]!;
      expect(await box.activate(lost.holder, member.pin)).toMatchObject({
        isActivated: false,
        reason: 'key-blocked',
      });
    }
  });
});
