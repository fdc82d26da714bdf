// The live view's API (docs/live.md) on a real server and real PostgreSQL, with records made by
// simulated locks and keys and uploaded through the real device gateway (a sync station): the
// district's starting picture, the stream's records, lock states and clock, Last-Event-ID, a
// second app on the same database seeing the same (LISTEN/NOTIFY), scope (provider A's work lead
// never gets provider B's customers' doors; another municipality gets nothing; roles without
// event access get 403) and a server stop that does not wait for open streams.
import { buildApp, createFieldCrypto } from '@portvakt/server';
import { ManualWorldClock } from '@portvakt/devices';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createMunicipality, createUser } from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord } from './devices.testing';
import { createLiveWorld, loginCookie, openLiveStream, readDistrict, type LiveWorld } from './web-live.world';

// Tuesday 3 March 2026, 07:00 in Stockholm (CET, UTC+1).
const at = (hhmm: string) => Date.parse(`2026-03-03T${hhmm}:00+01:00`) / 1000;
const world = new ManualWorldClock(at('07:00'));
const moveTo = (hhmm: string) => world.advance(at(hhmm) - world.now());

let w: LiveWorld;
let adminCookie: string;
let leadACookie: string;
let leadBCookie: string;

beforeAll(async () => {
  w = await createLiveWorld(world);
  adminCookie = await w.sessionCookie('municipality_admin');
  leadACookie = await w.sessionCookie('work_lead', { providerId: w.providerA });
  leadBCookie = await w.sessionCookie('work_lead', { providerId: w.providerB });
  // Anna's morning: the entrance and Karl's door, uploaded through the station.
  await w.box.activate(w.anna.key, w.anna.pin);
  expect((await w.anna.key.openLock(w.locks.entrance.lock)).isOpen).toBe(true);
  expect((await w.anna.key.openLock(w.locks.karl.lock)).isOpen).toBe(true);
  await w.station.sync(w.anna.key);
}, 180_000);

afterAll(async () => {
  await w?.server.close();
});

describe('GET /api/v1/live/district', () => {
  it('gives the server clock, the block-list version, the properties in reach and today’s newest events', async () => {
    const district = await readDistrict(w.admin);
    expect(district.clock).toBe(new Date(at('07:00') * 1000).toISOString());
    expect(district.day).toBe('2026-03-03');
    expect(district.dayFrom).toBe('2026-03-02T23:00:00.000Z');
    const version = (
      await w.server.db.pool.query<{ v: number }>(
        'SELECT block_list_version AS v FROM municipality WHERE id = $1',
        [w.municipalityId],
      )
    ).rows[0]!.v;
    expect(district.blockListVersion).toBe(version);
    const locks = district.properties.flatMap((property) => property.locks);
    expect(locks.map((lock) => lock.lockDeviceId).sort()).toEqual(
      [w.locks.entrance.id, w.locks.karl.id, w.locks.greta.id, w.olgaLock.id].sort(),
    );
    const karl = locks.find((lock) => lock.lockDeviceId === w.locks.karl.id)!;
    expect(karl).toMatchObject({ openingsToday: 1, refusalsToday: 0, doorLabel: 'Lgh 1101' });
    expect(karl.lastHeardAt).toBe(new Date(at('07:00') * 1000).toISOString());
    expect(karl.blockListVersion).not.toBeNull();
    const greta = locks.find((lock) => lock.lockDeviceId === w.locks.greta.id)!;
    expect(greta).toMatchObject({ openingsToday: 0, lastHeardAt: null, blockListVersion: null });
    // The event list's own rows: the admin sees who opened.
    const openings = district.events.filter((row) => row.kind === 1);
    expect(openings.map((row) => row.lockDeviceId).sort()).toEqual(
      [w.locks.entrance.id, w.locks.karl.id].sort(),
    );
    expect(openings.every((row) => row.staffName === 'Anna Väster')).toBe(true);
  });

  it('shows provider A’s work lead only the doors of their customers, and B’s only Olga’s', async () => {
    const leadA = await readDistrict(w.workLead);
    const idsA = leadA.properties.flatMap((property) => property.locks.map((lock) => lock.lockDeviceId));
    expect(idsA.sort()).toEqual([w.locks.entrance.id, w.locks.karl.id, w.locks.greta.id].sort());
    const leadB = await readDistrict(w.otherWorkLead);
    const idsB = leadB.properties.flatMap((property) => property.locks.map((lock) => lock.lockDeviceId));
    // Olga's way in is the entrance and her own door.
    expect(idsB.sort()).toEqual([w.locks.entrance.id, w.olgaLock.id].sort());
    // B sees Anna's opening of the shared entrance, but not who she is (another provider's staff).
    const entrance = leadB.events.find((row) => row.lockDeviceId === w.locks.entrance.id)!;
    expect(entrance.staffName).toBeNull();
    expect(entrance.keyId).toBeNull();
    expect(leadB.events.some((row) => row.lockDeviceId === w.locks.karl.id)).toBe(false);
  });

  it('shows a lock manager every lock but not who opened, and an auditor all of it', async () => {
    const cookie = await w.sessionCookie('lock_manager');
    const response = await fetch(`${w.server.url}/api/v1/live/district`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const district = (await response.json()) as Awaited<ReturnType<typeof readDistrict>>;
    expect(district.properties.flatMap((p) => p.locks)).toHaveLength(4);
    const openings = district.events.filter((row) => row.kind === 1);
    expect(openings.length).toBe(2);
    for (const row of openings) {
      expect(row.staffName).toBeNull();
      expect(row.keyId).toBeNull();
      expect(row.staffPseudonym).toBeNull();
    }
    const audited = await readDistrict(w.auditor);
    expect(
      audited.events.filter((row) => row.kind === 1).every((row) => row.staffName === 'Anna Väster'),
    ).toBe(true);
  });

  it('refuses roles without event access, and writes a read-log row for those with it', async () => {
    const ownerId = await createRecord(w.admin, 'property-owners', {
      name: 'Bostadsbolaget Väster',
      contactEmail: 'fastighet@example.se',
    });
    const linksOf: Record<string, Record<string, string>> = {
      staff: { providerId: w.providerA, staffMemberId: w.anna.id },
      installer: {},
      property_owner: { propertyOwnerId: ownerId },
    };
    for (const role of ['staff', 'installer', 'property_owner'] as const) {
      const links = linksOf[role]!;
      const cookie = await w.sessionCookie(role, links);
      const district = await fetch(`${w.server.url}/api/v1/live/district`, { headers: { cookie } });
      expect(district.status).toBe(403);
      expect(((await district.json()) as { code: string }).code).toBe('forbidden');
      const stream = await openLiveStream(w.server.url, cookie);
      expect(stream.status).toBe(403);
    }
    const logged = await w.server.db.pool.query(
      "SELECT 1 FROM event_read_log WHERE municipality_id = $1 AND query_kind = 'live_district'",
      [w.municipalityId],
    );
    expect(logged.rowCount).toBeGreaterThan(0);
  });
});

describe('GET /api/v1/live/stream', () => {
  it('streams new records, lock states and the clock, each caller in their own scope, across two apps', async () => {
    // A second app on the same database: another server process, with a LISTEN of its own.
    const pool = new pg.Pool({ ...w.server.db.pool.options, max: 4 });
    const masterKey = randomBytes(32);
    const second = await buildApp({
      context: {
        pool,
        fieldCrypto: createFieldCrypto(masterKey),
        isCookieSecure: false,
        masterKey,
        now: () => new Date(world.now() * 1000),
      },
      databaseMode: 'test',
      logLevel: 'error',
    });
    const secondUrl = await second.listen({ port: 0, host: '127.0.0.1' });
    const otherMunicipality = await createMunicipality(w.server.db.pool);
    const otherCookie = await loginCookie(
      w.server.url,
      await createUser(w.server.db.pool, otherMunicipality, 'municipality_admin'),
    );
    const admin = await openLiveStream(w.server.url, adminCookie);
    const adminOnSecond = await openLiveStream(secondUrl, adminCookie);
    const leadA = await openLiveStream(w.server.url, leadACookie);
    const leadB = await openLiveStream(secondUrl, leadBCookie);
    const other = await openLiveStream(w.server.url, otherCookie);
    try {
      for (const stream of [admin, adminOnSecond, leadA, leadB, other]) {
        expect(stream.status).toBe(200);
        await stream.waitFor((message) => message.event === 'clock');
      }
      const clock = admin.messages.find((message) => message.event === 'clock')!;
      expect(clock.data.clock).toBe(new Date(world.now() * 1000).toISOString());

      // 08:10: Britt (provider B) opens Olga's door and is refused at Karl's; Anna opens Karl's again.
      moveTo('08:10');
      await w.boxB.activate(w.britt.key, w.britt.pin);
      expect((await w.britt.key.openLock(w.olgaLock.lock)).isOpen).toBe(true);
      expect((await w.britt.key.openLock(w.locks.karl.lock)).isOpen).toBe(false);
      await w.station.sync(w.britt.key);
      expect((await w.anna.key.openLock(w.locks.karl.lock)).isOpen).toBe(true);
      await w.station.sync(w.anna.key);

      const isRecordAt = (lockId: string, result: number) => (message: { event: string; data: any }) =>
        message.event === 'record' &&
        message.data.lockDeviceId === lockId &&
        message.data.kind === 1 &&
        message.data.result === result;
      for (const stream of [admin, adminOnSecond]) {
        const olga = await stream.waitFor(isRecordAt(w.olgaLock.id, 0));
        expect(olga.data.staffName).toBe('Britt Öster');
        expect(Number(olga.id)).toBe(world.now() * 1000);
        const refused = await stream.waitFor(isRecordAt(w.locks.karl.id, 1));
        expect(refused.data.staffName).toBe('Britt Öster');
        await stream.waitFor(
          (message) =>
            message.event === 'lock' &&
            message.data.lockDeviceId === w.olgaLock.id &&
            message.data.openingsToday === 1,
        );
      }
      // Provider A's work lead: the refusal at their customer's door (who it was masked) and
      // Anna's opening, and nothing at all of Olga's door or lock.
      const refusedForA = await leadA.waitFor(isRecordAt(w.locks.karl.id, 1));
      expect(refusedForA.data.staffName).toBeNull();
      expect(refusedForA.data.keyId).toBeNull();
      const annaForA = await leadA.waitFor(isRecordAt(w.locks.karl.id, 0));
      expect(annaForA.data.staffName).toBe('Anna Väster');
      await leadA.waitFor(
        (message) => message.event === 'lock' && message.data.lockDeviceId === w.locks.karl.id,
      );
      // Provider B's work lead: Britt's own records (also the refusal at A's customer's door, as
      // the event API shows a provider its own staff), Olga's lock; never Anna's opening at Karl's.
      await leadB.waitFor(isRecordAt(w.olgaLock.id, 0));
      const refusedForB = await leadB.waitFor(isRecordAt(w.locks.karl.id, 1));
      expect(refusedForB.data.staffName).toBe('Britt Öster');
      expect(refusedForB.data.doorLabel).toBeNull();
      await admin.waitFor(isRecordAt(w.locks.karl.id, 0));
      // Every app has delivered Anna's opening by now; give the scoped streams a moment more.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(leadA.messages.some((m) => m.data.lockDeviceId === w.olgaLock.id)).toBe(false);
      expect(leadB.messages.some(isRecordAt(w.locks.karl.id, 0))).toBe(false);
      expect(leadB.messages.some((m) => m.event === 'lock' && m.data.lockDeviceId === w.locks.karl.id)).toBe(
        false,
      );
      expect(other.messages.filter((m) => m.event !== 'clock')).toEqual([]);
    } finally {
      for (const stream of [admin, adminOnSecond, leadA, leadB, other]) stream.close();
      await second.close();
      await pool.end();
    }
  });

  it('sends what a reconnecting browser missed after its Last-Event-ID, and refuses one it never sent', async () => {
    const before = at('08:00') * 1000;
    const stream = await openLiveStream(w.server.url, adminCookie, { 'last-event-id': String(before) });
    try {
      const olga = await stream.waitFor(
        (message) =>
          message.event === 'record' &&
          message.data.lockDeviceId === w.olgaLock.id &&
          message.data.kind === 1,
      );
      expect(olga.data.staffName).toBe('Britt Öster');
      // Records received before the id (Anna's 07:00 openings) are not sent again.
      expect(
        stream.messages.some(
          (message) => message.event === 'record' && message.data.lockDeviceId === w.locks.entrance.id,
        ),
      ).toBe(false);
    } finally {
      stream.close();
    }
    const bad = await fetch(`${w.server.url}/api/v1/live/stream`, {
      headers: { cookie: adminCookie, 'last-event-id': 'yesterday' },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('invalid_cursor');
  });

  it('ends open streams when the server stops, without waiting for the browser', async () => {
    const stream = await openLiveStream(w.server.url, adminCookie);
    await stream.waitFor((message) => message.event === 'clock');
    const started = Date.now();
    const closing = w.server.app.close();
    // The server ends the stream itself, at once; the close then finishes.
    await stream.ended;
    expect(Date.now() - started).toBeLessThan(2000);
    await closing;
  });
});
