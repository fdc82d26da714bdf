// Rollout's "staff with keys" on a past day counts the keys as they were that day (docs/rollout.md
// "Staff with keys"): registered by then, not yet blocked or lost, held by whom they were held by
// then. Real HTTP on real PostgreSQL with a fixed clock; the keys' history is written with fixed
// days (the database stamps its own rows with the wall clock, which a test must not depend on).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestWorld, type World } from '../platform/world.testing';

const now = new Date('2026-12-15T12:00:00Z');
let server: TestServer;
let world: World;
let municipalityId: string;
let admin: ApiClient;
let reader: ApiClient;

const sql = (text: string, values: unknown[]) => server.db.pool.query(text, values);

async function addStaff(familyName: string, employmentStartsOn: string): Promise<string> {
  const created = await admin.post('/api/v1/staff', {
    providerId: world.provider.a,
    givenName: 'Test',
    familyName,
    employmentStartsOn,
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function addKey(holderStaffMemberId: string, serial: string): Promise<string> {
  const created = await admin.post('/api/v1/keys', {
    providerId: world.provider.a,
    kind: 'hardware_key',
    serial: `${serial}-${municipalityId.slice(0, 8)}`,
    holderStaffMemberId,
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

/** An audited change of a key's holder, as the registry writes it, on a day of its own. */
async function recordHolderChange(keyId: string, at: string, from: string | null, to: string) {
  await sql(
    `INSERT INTO audit_entry (municipality_id, occurred_at, actor_label, actor_role, action, entity, entity_id, before, after)
     VALUES ($1, $2, 'test', 'municipality_admin', $3, 'digital_key', $4, $5, $6)`,
    [
      municipalityId,
      at,
      from === null ? 'create' : 'update',
      keyId,
      from === null ? null : { id: keyId, holderStaffMemberId: from, status: 'active' },
      { id: keyId, holderStaffMemberId: to, status: 'active' },
    ],
  );
}

beforeAll(async () => {
  const started = await startTestWorld({ now: () => now });
  ({ server, municipalityId, admin, world } = started);
  reader = await started.login('auditor');
  // Provider A serves customer a (district a) from 2026-01-01; staff member a holds key a.
  const berit = await addStaff('Berit', '2026-01-01');
  const cilla = await addStaff('Cilla', '2026-01-01');
  const dan = await addStaff('Dan', '2026-01-01');
  const erik = await addStaff('Erik', '2026-06-01');
  const lostKey = await addKey(berit, 'HIST-B');
  expect(
    (await admin.patch(`/api/v1/keys/${lostKey}`, { status: 'lost', statusReason: 'tappad' })).status,
  ).toBe(200);
  const lateKey = await addKey(cilla, 'HIST-C');
  // Dan's key went to Erik in June: registered through the API, its history on fixed days.
  const handedKey = await addKey(dan, 'HIST-D');
  const handed = await admin.patch(`/api/v1/keys/${handedKey}`, { holderStaffMemberId: erik });
  expect(handed.status).toBe(200);
  // The registry's audit entry names the holder as the query reads it.
  const written = await sql(
    `SELECT before ->> 'holderStaffMemberId' AS "from", after ->> 'holderStaffMemberId' AS "to"
     FROM audit_entry WHERE entity = 'digital_key' AND entity_id = $1 AND action = 'update'`,
    [handedKey],
  );
  expect(written.rows).toEqual([{ from: dan, to: erik }]);
  // The trail is append-only: these entries stand beside the ones just written (today, which agree).
  await recordHolderChange(handedKey, '2026-02-01T08:00:00Z', null, dan);
  await recordHolderChange(handedKey, '2026-06-15T08:00:00Z', dan, erik);
  await sql(`UPDATE digital_key SET created_at = '2026-02-01T08:00:00Z' WHERE municipality_id = $1`, [
    municipalityId,
  ]);
  await sql(`UPDATE digital_key SET created_at = '2026-10-05T08:00:00Z' WHERE id = $1`, [lateKey]);
  await sql(`UPDATE block_list_entry SET blocked_at = '2026-09-10T10:00:00Z' WHERE digital_key_id = $1`, [
    lostKey,
  ]);
}, 120_000);
afterAll(async () => server?.close());

const staffWithKeysIn = async (asOf: string) => {
  const response = await reader.get(`/api/v1/rollout?asOf=${asOf}`);
  expect(response.status).toBe(200);
  return response.body.rows.find((row: { district: { id: string } }) => row.district.id === world.district.a)
    .staffWithKeys as number;
};

describe('GET /api/v1/rollout: staff with keys on the day asked (R8.1)', () => {
  it('counts no key before it was registered', async () => {
    expect(await staffWithKeysIn('2026-01-15')).toBe(0);
  });

  it('counts a key lost since, and its holder then rather than today’s', async () => {
    // Staff member a, Berit (her key lost in September) and Dan (his key is Erik's since June,
    // and Erik was not employed yet). Today's keys would say a and Cilla.
    expect(await staffWithKeysIn('2026-05-01')).toBe(3);
    // a, Berit and Erik.
    expect(await staffWithKeysIn('2026-07-01')).toBe(3);
  });

  it('leaves out a key from the day it was lost, and one registered later', async () => {
    // a and Erik: Berit's key was lost on 10 September, Cilla's registered in October.
    expect(await staffWithKeysIn('2026-09-10')).toBe(2);
    expect(await staffWithKeysIn('2026-09-30')).toBe(2);
  });

  it('counts today’s keys today', async () => {
    // a, Cilla and Erik.
    expect(await staffWithKeysIn('2026-12-15')).toBe(3);
  });
});
