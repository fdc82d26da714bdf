// `portvakt lock-sim` on the demo as seed-demo leaves it (docs/device-gateway.md "Simulated
// locks"): seed-demo enrols the locks of its week of events under an enrolment id that is not the
// lock's registry id. The simulator enrols such a lock again through the API like any other; the
// server replaces the key of the enrolment the lock has (no second one beside it, which the
// one-live-enrolment-per-lock index refuses), and the simulated lock signs as that enrolment, under
// the key the server now holds, continuing its record chain after the seeded records. A --lock that is not an id is refused before anything is enrolled.
// Seeded at one fixed instant, so nothing depends on today's date.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ManualWorldClock } from '@portvakt/devices';
import { bytesToUuid, importPublicJwk, verifyRecordBatch, type PublicJwk } from '@portvakt/protocol';
import { startTestServer, type TestServer } from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoAdmin, type DemoAdmin } from './demo-admin';
import { startLockSim, type RunningLockSim } from './lock-sim';
import { seedDemo } from './seed-demo';

/** Friday 20 November 2026, 12:00 UTC: seed-demo's test instant. */
const now = new Date('2026-11-20T12:00:00Z');
const world = new ManualWorldClock(now.getTime() / 1000);
let server: TestServer;
let admin: DemoAdmin;
const running: RunningLockSim[] = [];

interface LockEnrolment {
  id: string;
  lockDeviceId: string;
  publicJwk: PublicJwk;
  revokedAt: string | null;
}

const listLockEnrolments = async () =>
  ((await admin.get('/api/v1/devices?kind=lock')).items as LockEnrolment[]).filter(
    (enrolment) => enrolment.revokedAt === null,
  );

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(world.now() * 1000) });
  await seedDemo(server.db.pool, { now });
  admin = await loginDemoAdmin(server.url);
}, 240_000);
afterAll(async () => {
  for (const sim of running) await sim.stop();
  await server?.close();
});

describe('portvakt lock-sim on seed-demo’s locks', () => {
  it(
    'keeps the enrolment a lock has under another id: replaces its key, signs as it, adds none',
    { timeout: 120_000 },
    async () => {
      const before = await listLockEnrolments();
      const seeded = before.filter((enrolment) => enrolment.id !== enrolment.lockDeviceId);
      expect(seeded.length).toBeGreaterThan(0);
      const installed = (await admin.listAll('locks')) as Array<{ id: string; status: string | null }>;
      const plain = installed.find(
        (lock) => lock.status === 'installed' && !before.some((e) => e.lockDeviceId === lock.id),
      )!;
      const sim = await startLockSim({
        serverUrl: server.url,
        token: admin.token,
        locks: [...seeded.map((enrolment) => enrolment.lockDeviceId), plain.id],
        port: 0,
        host: '127.0.0.1',
        world,
        log: () => undefined,
      });
      running.push(sim);

      // Each seeded lock signs as its own enrolment; a lock enrolled for the first time, as itself.
      expect(sim.locks.map((lock) => [lock.lockId, lock.enrolmentId])).toEqual([
        ...seeded.map((enrolment) => [enrolment.lockDeviceId, enrolment.id]),
        [plain.id, plain.id],
      ]);
      const after = await listLockEnrolments();
      expect(after.map((enrolment) => enrolment.id).sort()).toEqual(
        [...before.map((enrolment) => enrolment.id), plain.id].sort(),
      );
      for (const { lockId, enrolmentId, lock } of sim.locks) {
        const enrolment = after.find((e) => e.id === enrolmentId)!;
        expect(enrolment.lockDeviceId).toBe(lockId);
        const wasKey = before.find((e) => e.id === enrolmentId)?.publicJwk;
        expect(enrolment.publicJwk).not.toEqual(wasKey);
        // The lock continues the enrolment's chain where its stored records end (a fresh log at 1
        // would be refused as a fork), and its signed head verifies under the key the server now holds.
        const { rows } = await server.db.pool.query<{ last: string }>(
          'SELECT last_sequence AS last FROM device_chain WHERE device_id = $1',
          [enrolmentId],
        );
        expect(lock.recordSequence).toBe(Number(rows[0]?.last ?? 0));
        if (enrolmentId !== plain.id) expect(lock.recordSequence).toBeGreaterThan(0);
        const { head } = await verifyRecordBatch(
          await lock.exportRecords(0),
          await importPublicJwk(enrolment.publicJwk),
        );
        expect(bytesToUuid(head.deviceId)).toBe(enrolmentId);
      }
      const audit = await admin.get(`/api/v1/audit?entity=device_enrolment&entityId=${seeded[0]!.id}`);
      expect((audit.items as Array<{ action: string }>).map((entry) => entry.action)).toContain('re_enrol');
    },
  );

  it('refuses a --lock that is not an id with a message and exit 1, enrolling nothing', async () => {
    const before = await listLockEnrolments();
    const bin = fileURLToPath(new URL('../bin/portvakt.js', import.meta.url));
    const lockId = before[0]!.lockDeviceId;
    // Run as a child without blocking: were the id not checked, the server here would be asked.
    const child = spawn(
      process.execPath,
      [bin, 'lock-sim', '--server', server.url, '--lock', lockId, 'notauuid', '--port', '0'],
      { env: { ...process.env, PORTVAKT_TOKEN: admin.token } },
    );
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const result = { status, stderr };
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'portvakt: --lock: "notauuid" is not a lock id (an id looks like 3f2b8c1e-5a47-4d0e-9b61-2c7e4f9a0d13)',
    );
    expect(await listLockEnrolments()).toEqual(before);
  }, 120_000);
});
