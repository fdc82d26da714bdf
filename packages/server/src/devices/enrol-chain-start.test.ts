// Who is told where a re-enrolled device's chain stands (docs/device-gateway.md "Enrolment"):
// `chainStart` carries the device's last sequence, how many records it has made (for a lock, how
// often its door was used). Over real HTTP on real PostgreSQL: a lock manager, who reads the
// lock's events anyway, is told; an installer, who reads no events, enrols new devices as before
// but is refused a device that holds records, and that refusal changes nothing.
import { webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countEveryTable } from '@portvakt/storage/testing';
import type { ApiClient, TestServer } from '../platform/testing';
import { startTestWorld, type World } from '../platform/world.testing';

let server: TestServer;
let world: World;
let municipalityId: string;
let admin: ApiClient;
let lockManager: ApiClient;
let installer: ApiClient;
let workLead: ApiClient;
const prevHash = 'ab'.repeat(32);

async function newPublicJwk() {
  const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
  const { kty, crv, x, y } = await webcrypto.subtle.exportKey('jwk', pair.publicKey);
  return { kty, crv, x, y };
}

/** The enrolment's record chain as ingest leaves it after `sequence` records. */
async function holdRecords(deviceId: string, kind: string, sequence: number) {
  await server.db.pool.query(
    `INSERT INTO device_chain (device_id, municipality_id, device_kind, last_sequence, last_hash, stored_records)
     VALUES ($1, $2, $3, $4, $5, $4)`,
    [deviceId, municipalityId, kind, sequence, Buffer.from(prevHash, 'hex')],
  );
}

const enrolLock = async (client: ApiClient, lockId: string) =>
  client.post('/api/v1/devices', { kind: 'lock', lockId, publicJwk: await newPublicJwk() });

beforeAll(async () => {
  const started = await startTestWorld();
  ({ server, municipalityId, admin, world } = started);
  const { login } = started;
  lockManager = await login('lock_manager');
  installer = await login('installer');
  workLead = await login('work_lead', { providerId: world.provider.a });
}, 120_000);
afterAll(async () => server?.close());

describe('chainStart in the enrolment answer', () => {
  it('an installer enrols a lock that holds no records, and is told to start at 1', async () => {
    const enrolled = await enrolLock(installer, world.lockDevice.b);
    expect(enrolled.status).toBe(201);
    expect(enrolled.body.chainStart).toBeNull();
    // Enrolling it again before it recorded anything is still the installer's.
    const again = await enrolLock(installer, world.lockDevice.b);
    expect([again.status, again.body.chainStart]).toEqual([201, null]);
  });

  it('an installer is refused a lock that holds records: not told the count, nothing changed', async () => {
    const first = await enrolLock(admin, world.lockDevice.a);
    expect(first.status).toBe(201);
    await holdRecords(first.body.enrolment.id, 'lock', 41);
    const before = await countEveryTable(server.db.pool);
    const key = await server.db.pool.query('SELECT public_jwk FROM device_enrolment WHERE id = $1', [
      first.body.enrolment.id,
    ]);

    const refused = await enrolLock(installer, world.lockDevice.a);
    expect([refused.status, refused.body.code]).toEqual([403, 'forbidden']);
    expect(refused.body.message).toMatch(/lock manager/);
    expect(JSON.stringify(refused.body)).not.toContain('41');
    expect(refused.body.chainStart).toBeUndefined();
    expect(await countEveryTable(server.db.pool)).toEqual(before);
    expect(
      (
        await server.db.pool.query('SELECT public_jwk FROM device_enrolment WHERE id = $1', [
          first.body.enrolment.id,
        ])
      ).rows,
    ).toEqual(key.rows);

    // The lock side, which reads the lock's events, is told where the chain continues.
    const continued = await enrolLock(lockManager, world.lockDevice.a);
    expect(continued.status).toBe(201);
    expect(continued.body.chainStart).toEqual({ afterSequence: 41, prevHash });
  });

  it('a work lead re-enrolling their provider’s key is told: they read its events', async () => {
    const body = async () => ({ kind: 'key', keyId: world.digitalKey.a, publicJwk: await newPublicJwk() });
    const first = await workLead.post('/api/v1/devices', await body());
    expect([first.status, first.body.chainStart]).toEqual([201, null]);
    await holdRecords(first.body.enrolment.id, 'key', 7);
    const again = await workLead.post('/api/v1/devices', await body());
    expect(again.status).toBe(201);
    expect(again.body.chainStart).toEqual({ afterSequence: 7, prevHash });
  });
});
