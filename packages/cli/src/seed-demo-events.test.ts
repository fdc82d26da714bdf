// seed-demo's week of events: made by the simulated devices, verified by ingest, idempotent, and
// consistent with the permission model, the block list, the keys' activation state and the
// anomaly report. Seeded at one fixed instant, so nothing depends on today's date.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildPermissionIndex, explain, findAnomalies } from '@portvakt/core';
import {
  loadPermissionFacts,
  readBlockList,
  readKeyActivationState,
  summariseEventsPerDay,
} from '@portvakt/storage';
import { createTestDatabase, type TestDatabase } from '@portvakt/storage/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatLocalTime } from './events.command';
import { demoMunicipality, seedDemo } from './seed-demo';
import { seedDemoEvents } from './seed-demo-events';

const now = new Date('2026-11-20T12:00:00Z');
const weekAgo = new Date(now.getTime() - 8 * 86_400_000);
let db: TestDatabase;
let municipalityId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  municipalityId = (await seedDemo(db.pool, { now })).municipalityId;
}, 120_000);
afterAll(async () => db?.drop());

const count = async (sql: string) =>
  Number((await db.pool.query<{ n: string }>(sql, [municipalityId])).rows[0]!.n);

async function openAttempts() {
  const { rows } = await db.pool.query<{
    at: Date;
    lockId: string;
    doorId: string;
    propertyId: string;
    staffId: string | null;
    keyId: string | null;
    result: number;
    reason: number;
  }>(
    `SELECT e.occurred_at AS at, e.lock_device_id AS "lockId", e.door_id AS "doorId", d.property_id AS "propertyId",
       s.id AS "staffId", e.key_id AS "keyId", e.result, e.reason
     FROM device_event e LEFT JOIN door d ON d.id = e.door_id
       LEFT JOIN staff_member s ON s.pseudonym = e.staff_pseudonym AND e.verified IS TRUE
     WHERE e.municipality_id = $1 AND e.kind = 1 ORDER BY e.occurred_at`,
    [municipalityId],
  );
  return rows;
}

describe('seed-demo events', () => {
  // How long seeding takes is shown by seed-demo itself (progress and seconds), not asserted:
  // a wall-clock limit in a test fails by machine load, not by a defect.
  it('adds a week of openings and refusals through verified ingest', async () => {
    const summary = await summariseEventsPerDay(db.pool, { municipalityId, days: 8, now });
    const openings = summary.days.reduce((sum, day) => sum + day.openings, 0);
    const refused = summary.days.reduce((sum, day) => sum + day.refused, 0);
    expect(openings).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(5);
    expect(summary.days.filter((day) => day.openings > 0).length).toBeGreaterThanOrEqual(6);
    // Nothing was rejected or left a gap; every opening names a staff member of the demo.
    expect(await count(`SELECT count(*) AS n FROM event_finding WHERE municipality_id = $1`)).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM device_event e WHERE e.municipality_id = $1 AND e.kind = 1
        AND e.result = 0 AND NOT EXISTS (SELECT 1 FROM staff_member s WHERE s.pseudonym = e.staff_pseudonym)`),
    ).toBe(0);
  });

  it('opens only what explain allows at that instant, and is refused only where explain refuses', async () => {
    const index = buildPermissionIndex((await loadPermissionFacts(db.pool, municipalityId)).facts);
    const attempts = await openAttempts();
    expect(attempts.length).toBeGreaterThan(100);
    for (const attempt of attempts) {
      expect(attempt.staffId).not.toBeNull();
      const answer = explain(index, attempt.staffId!, attempt.lockId, attempt.at);
      expect({ at: attempt.at, lock: attempt.lockId, isAllowed: answer.isAllowed }).toEqual({
        at: attempt.at,
        lock: attempt.lockId,
        isAllowed: attempt.result === 0,
      });
    }
    // The refusals are the lock saying its ticket does not name it, like the model's "no rule".
    expect(new Set(attempts.filter((a) => a.result === 1).map((a) => a.reason))).toEqual(new Set([4]));
  });

  it('plants no anomaly: the anomaly rules flag none of the demo keys', async () => {
    const localHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hour: '2-digit' });
    const anomalies = findAnomalies(
      (await openAttempts()).map((a) => ({
        at: a.at.getTime(),
        doorId: a.doorId,
        propertyId: a.propertyId,
        keyId: a.keyId,
        isRefused: a.result === 1,
      })),
      { localHour: (at) => Number(localHour.format(at)) },
    );
    expect(anomalies).toEqual([]);
  });

  it('puts the blocked and lost demo keys on the block list, and the locks hold its version', async () => {
    const { rows: withdrawn } = await db.pool.query<{ id: string; statusReason: string }>(
      `SELECT id, status_reason AS "statusReason" FROM digital_key
       WHERE municipality_id = $1 AND status IN ('blocked', 'lost')`,
      [municipalityId],
    );
    expect(withdrawn.length).toBeGreaterThan(0);
    const list = await readBlockList(db.pool, municipalityId);
    expect(list.entries.map((entry) => entry.digitalKeyId).sort()).toEqual(withdrawn.map((k) => k.id).sort());
    for (const key of withdrawn)
      expect(list.entries.find((entry) => entry.digitalKeyId === key.id)?.reason).toBe(key.statusReason);
    expect(list.version).toBe(1 + withdrawn.length);
    // Blocked through the use case: each change is in the audit trail with who did it.
    expect(
      await count(`SELECT count(*) AS n FROM audit_entry WHERE municipality_id = $1 AND entity = 'digital_key'
        AND action = 'update' AND after->>'status' IN ('blocked', 'lost') AND actor_label LIKE 'demo.%'`),
    ).toBe(withdrawn.length);
    // Every demo lock reported holding the current version: none is behind on the block list.
    const { rows: reports } = await db.pool.query<{ version: number | null }>(
      `SELECT r.version FROM device_enrolment e JOIN lock_device l ON l.id = e.lock_device_id
         LEFT JOIN lock_block_list_report r ON r.lock_device_id = l.id
       WHERE e.municipality_id = $1 AND e.kind = 'lock'`,
      [municipalityId],
    );
    expect(reports.length).toBeGreaterThan(10);
    expect(new Set(reports.map((r) => r.version))).toEqual(new Set([list.version]));
  });

  it('shows an activation on every key with events, no later than its last event', async () => {
    const { rows } = await db.pool.query<{ keyId: string; first: Date; last: Date }>(
      `SELECT key_id AS "keyId", min(occurred_at) AS first, max(occurred_at) AS last FROM device_event
       WHERE municipality_id = $1 AND kind = 1 AND key_id IS NOT NULL GROUP BY key_id`,
      [municipalityId],
    );
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      const state = await readKeyActivationState(db.pool, { municipalityId, digitalKeyId: row.keyId });
      expect(state).toMatchObject({ hasPin: true, isPinLocked: false });
      expect(state.enrolledAt).not.toBeNull();
      const activated = Date.parse(state.lastActivationAt!);
      expect(activated).toBeGreaterThan(weekAgo.getTime());
      expect(activated).toBeLessThanOrEqual(row.last.getTime());
      expect(activated).toBeGreaterThan(row.last.getTime() - 86_400_000);
      expect(state.ticketSequence).toBeGreaterThan(1);
      // The key's own record of that activation carries the same instant.
      expect(
        await count(`SELECT count(*) AS n FROM device_event WHERE municipality_id = $1 AND kind = 5
          AND device_id = '${row.keyId}' AND occurred_at = '${state.lastActivationAt}'`),
      ).toBe(1);
    }
  });

  it('puts blocked keys of a demo seeded before the blocking use case on the block list, once', async () => {
    const { rows } = await db.pool.query<{ id: string }>(
      `SELECT id FROM digital_key WHERE municipality_id = $1 AND status = 'active' AND holder_staff_member_id IS NOT NULL
         AND kind = 'phone' ORDER BY serial LIMIT 1`,
      [municipalityId],
    );
    // As older seed-demo versions did: the status set directly, nothing on the block list.
    await db.pool.query(
      `UPDATE digital_key SET status = 'lost', status_reason = 'Borttappad (äldre demo)' WHERE id = $1`,
      [rows[0]!.id],
    );
    const before = await readBlockList(db.pool, municipalityId);
    await seedDemo(db.pool, { now });
    await seedDemo(db.pool, { now });
    const after = await readBlockList(db.pool, municipalityId);
    expect(after.version).toBe(before.version + 1);
    expect(after.entries.find((entry) => entry.digitalKeyId === rows[0]!.id)?.reason).toBe(
      'Borttappad (äldre demo)',
    );
  });

  it('adds nothing the second time', async () => {
    const before = await count('SELECT count(*) AS n FROM device_event WHERE municipality_id = $1');
    await seedDemo(db.pool, { now });
    expect(await seedDemoEvents(db.pool, municipalityId, 'x')).toMatchObject({ isAdded: false });
    expect(await count('SELECT count(*) AS n FROM device_event WHERE municipality_id = $1')).toBe(before);
  });
});

function superuserUrl(): string {
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${db.name}`;
  return url.toString();
}

describe('portvakt events on the demo', () => {
  const bin = fileURLToPath(new URL('../bin/portvakt.js', import.meta.url));
  const runIn = (municipality: string, ...args: string[]) =>
    spawnSync(process.execPath, [bin, 'events', ...args, '--municipality', municipality], {
      // The app role reads; migrations (which the command runs first) go through the superuser.
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        MIGRATION_DATABASE_URL: superuserUrl(),
        LOG_LEVEL: 'warn',
      },
      encoding: 'utf8',
    });
  const run = (...args: string[]) => runIn(demoMunicipality.code, ...args);

  it(
    'prints outcomes and reasons in words, door label and kind, staff names and Stockholm time',
    { timeout: 120_000 },
    async () => {
      const { rows } = await db.pool.query<{ doorId: string; label: string; at: Date; name: string }>(
        `SELECT e.door_id AS "doorId", d.label, e.occurred_at AS at, s.given_name || ' ' || s.family_name AS name
       FROM device_event e JOIN door d ON d.id = e.door_id JOIN staff_member s ON s.pseudonym = e.staff_pseudonym
       WHERE e.municipality_id = $1 AND e.kind = 1 AND e.result = 1 ORDER BY e.occurred_at DESC LIMIT 1`,
        [municipalityId],
      );
      const refused = rows[0]!;
      const result = run('door', refused.doorId, '--limit', '50');
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('Europe/Stockholm local time');
      expect(result.stdout).toMatch(
        /^Events for door "[^"]+" \((apartment door|entrance|laundry room|waste room)\), /,
      );
      const line = result.stdout
        .split('\n')
        .find((l) => l.startsWith(formatLocalTime(refused.at.toISOString())))!;
      expect(line).toContain('refused: the ticket does not name this lock');
      expect(line).toContain(refused.label);
      expect(line).toMatch(
        /\((apartment door|entrance|laundry room|waste room|key safe|key tube|medicine cabinet|electrical room), /,
      );
      expect(line).toContain(refused.name);
      // Stockholm is UTC+1 in November: the local time is an hour after the stored UTC instant.
      expect(formatLocalTime('2026-11-20T06:05:00Z')).toBe('2026-11-20 07:05:00');
      expect(result.stdout).not.toMatch(/REFUSED\(|kind \d|T\d\d:\d\d:\d\d(\.\d+)?Z/);
    },
  );

  it('says there is no such subject for an unknown id, with a non-zero exit', { timeout: 120_000 }, () => {
    const result = run('key', '00000000-0000-4000-8000-000000000000');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('no such key');
    expect(result.stdout).not.toContain('0 event(s)');
  });

  it(
    'refuses an impossible date or a period that does not end after it starts, logging no read',
    { timeout: 120_000 },
    async () => {
      const { rows } = await db.pool.query<{ doorId: string }>(
        'SELECT door_id AS "doorId" FROM device_event WHERE municipality_id = $1 AND door_id IS NOT NULL LIMIT 1',
        [municipalityId],
      );
      const door = rows[0]!.doorId;
      const reads = () => count('SELECT count(*) AS n FROM event_read_log WHERE municipality_id = $1');
      const before = await reads();
      const cases: Array<{ args: string[]; message: string }> = [
        {
          args: ['--from', '2026-11-31T00:00:00Z'],
          message: '--from: 2026-11-31 is not a date in the calendar ("2026-11-31T00:00:00Z")',
        },
        { args: ['--to', '2026-02-30'], message: '--to: 2026-02-30 is not a date in the calendar' },
        {
          args: ['--from', '2026-12-01T00:00:00Z', '--to', '2026-11-01T00:00:00Z'],
          message: '--from must be before --to: 2026-12-01T00:00:00Z is not before 2026-11-01T00:00:00Z',
        },
        { args: ['--from', '2026-11-20', '--to', '2026-11-20'], message: '--from must be before --to' },
        {
          args: ['--from', 'yesterday'],
          message:
            '--from must be a day such as 2026-11-30 or an ISO time such as 2026-11-30T08:00:00+01:00, not "yesterday"',
        },
      ];
      for (const { args, message } of cases) {
        const result = run('door', door, ...args);
        expect(result.status, args.join(' ')).toBe(1);
        expect(result.stderr).toContain(message);
        expect(result.stdout).toBe('');
      }
      expect(await reads()).toBe(before);
      // A day is its 00:00 in Stockholm, as the times printed are; an ISO time keeps its offset.
      const week = run('door', door, '--from', '2026-11-12', '--to', '2026-11-20T13:00:00+01:00');
      expect(week.stderr).toBe('');
      expect(week.status).toBe(0);
      expect(week.stdout).toMatch(/\d+ event\(s\)\./);
      // The first half hour of the 20th local time: after 00:00 Stockholm (23:00 UTC the day before).
      const firstHalfHour = run('door', door, '--from', '2026-11-20', '--to', '2026-11-20T00:30:00+01:00');
      expect(firstHalfHour.stderr).toBe('');
      expect(firstHalfHour.status).toBe(0);
      expect(await reads()).toBe(before + 2);
    },
  );

  it('says in its help that --municipality is required', { timeout: 120_000 }, () => {
    const help = spawnSync(process.execPath, [bin, 'events', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(
      /--municipality <code-or-id> +the municipality, by its code \(e\.g\. 0180\) or its\s+id \(required\)/,
    );
  });

  it(
    'takes the municipality by its id as well as its code, and names one it cannot find',
    { timeout: 120_000 },
    async () => {
      const { rows } = await db.pool.query<{ doorId: string }>(
        'SELECT door_id AS "doorId" FROM device_event WHERE municipality_id = $1 AND door_id IS NOT NULL LIMIT 1',
        [municipalityId],
      );
      const runWith = (municipality: string) => runIn(municipality, 'door', rows[0]!.doorId, '--limit', '1');
      const byId = runWith(municipalityId);
      expect(byId.stderr).toBe('');
      expect(byId.status).toBe(0);
      expect(byId.stdout).toMatch(/^Events for door /);
      const unknown = runWith('0000');
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain('--municipality: no municipality with code "0000"');
    },
  );

  it('refuses a malformed id before any query, never leaking SQL errors', { timeout: 120_000 }, () => {
    for (const id of ["12345' OR '1'='1"]) {
      const result = run('lock', id);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('is not a lock id');
      expect(result.stderr + result.stdout).not.toMatch(/invalid input syntax|type uuid/i);
    }
  });
});
