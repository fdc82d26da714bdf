// Record fields of protocol §6 through ingest and the API, with real simulated devices: the
// block-list version a lock reports reaches GET /api/v1/block-list; an unverified refusal (a forged
// ticket naming a staff member) is stored with its claimed key id apart and attributed to nobody;
// a lock that signs a second history (log restarted at 1) gets a chain-fork finding and nothing of
// that batch is stored.
import { randomUUID } from 'node:crypto';
import { Lock } from '@portvakt/devices';
import {
  decodeChallenge,
  deriveIssuerKid,
  encodePresentation,
  encodeRecordBatch,
  exportPublicCoordinates,
  exportPublicJwk,
  generateSigningKeyPair,
  signKeyResponse,
  signTicket,
  uuidToBytes,
} from '@portvakt/protocol';
import { verifyEventLog } from '@portvakt/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecordBatches } from '@portvakt/server';
import {
  ApiClient,
  createUser,
  startTestServer,
  testPassword,
  type TestServer,
} from '@portvakt/server/testing';
import { createEventWorld, type EventWorld } from './event-log.world';

let server: TestServer;
let w: EventWorld;
let admin: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  w = await createEventWorld(server.db.pool);
  admin = await new ApiClient(server.url).login(
    await createUser(server.db.pool, w.municipalityId, 'municipality_admin', {}),
    testPassword,
  );
  await w.box.activate(w.keyA, '1234');
  await w.box.activate(w.keyB, '5678');
}, 60_000);
afterAll(async () => server?.close());

interface ApiEvent {
  result: number;
  reason: number;
  verified: boolean | null;
  claimedKeyId: string | null;
  keyId: string | null;
  staffPseudonym: string | null;
  staffMemberId: string | null;
  count: number | null;
  firstTime: string | null;
  blockListVersion: number | null;
}

describe('protocol record fields at the server', () => {
  it('shows the block-list version a lock reported in its records in GET /api/v1/block-list', async () => {
    const before = await admin.get('/api/v1/block-list');
    const entry = (body: { locks: Array<{ lockId: string }> }) =>
      body.locks.find((l) => l.lockId === w.lockIds.entrance) as
        { reportedVersion: number | null; reportedAt: string | null } | undefined;
    expect(entry(before.body)?.reportedVersion ?? null).toBeNull();
    expect(await w.keyA.openLock(w.locks.entrance)).toEqual({ isOpen: true });
    w.world.advance(30);
    expect(await w.station.sync(w.keyA)).toMatchObject({ isSynced: true, receipt: { findings: [] } });
    const after = await admin.get('/api/v1/block-list');
    expect(after.status).toBe(200);
    expect(entry(after.body)).toMatchObject({ reportedVersion: w.locks.entrance.blockListVersion });
    expect(entry(after.body)!.reportedAt).not.toBeNull();
    // Every stored lock record carries the version held after it; the newest is the highest.
    const { rows } = await server.db.pool.query(
      `SELECT count(*) AS n, count(block_list_version) AS carried, max(block_list_version) AS v
       FROM device_event WHERE lock_device_id = $1`,
      [w.lockIds.entrance],
    );
    expect(Number(rows[0].carried)).toBe(Number(rows[0].n));
    expect(Number(rows[0].v)).toBe(w.locks.entrance.blockListVersion);
  });

  it('does not attribute an unverified refusal to the staff member a forged ticket names', async () => {
    // An attacker's own issuer key, a ticket naming key A and staff member A, and a response
    // signed with the attacker's key under key A's id: the lock refuses before anything verifies.
    const lock = w.locks.apartment;
    const rogue = await generateSigningKeyPair();
    const attacker = await generateSigningKeyPair();
    const now = w.world.now();
    const ticket = await signTicket(
      {
        issuer: w.issuer.municipality,
        keyId: w.keyA.deviceId,
        cnf: await exportPublicCoordinates(attacker.publicKey),
        staff: w.staffA.pseudonym,
        issuedAt: now,
        notBefore: now,
        expiresAt: now + 3600,
        sequence: 1,
        shiftSeconds: 3600,
        locks: [{ lock: 2 }],
        blockListVersion: 1,
        blockedKeys: [],
      },
      { privateKey: rogue.privateKey, kid: await deriveIssuerKid(rogue.publicKey) },
    );
    const { nonce } = decodeChallenge(lock.issueChallenge());
    const response = await signKeyResponse(
      { nonce, lock: 2, activatedAt: now - 60 },
      { privateKey: attacker.privateKey, keyId: w.keyA.deviceId },
    );
    const refused = await lock.open(encodePresentation({ ticket, response }));
    expect(refused.isOpen).toBe(false);
    // Staff member B opens genuinely afterwards and carries the lock's records (with the refusal).
    w.world.advance(60);
    expect(await w.keyB.openLock(lock)).toEqual({ isOpen: true });
    expect(await w.station.sync(w.keyB)).toMatchObject({ isSynced: true, receipt: { findings: [] } });

    const { rows } = await server.db.pool.query(
      `SELECT staff_pseudonym, key_id, verified, claimed_key_id, event_count, first_time FROM device_event
       WHERE lock_device_id = $1 AND result = 1`,
      [w.lockIds.apartment],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      staff_pseudonym: null,
      key_id: null,
      verified: false,
      claimed_key_id: w.keyIds.keyA,
      event_count: 1,
    });
    expect(rows[0].first_time).toBeInstanceOf(Date);

    const history = await admin.get(`/api/v1/event-log/lock/${w.lockIds.apartment}?refused=true`);
    expect(history.status).toBe(200);
    const refusal = (history.body.items as ApiEvent[])[0]!;
    expect(refusal).toMatchObject({
      result: 1,
      verified: false,
      claimedKeyId: w.keyIds.keyA,
      keyId: null,
      staffPseudonym: null,
      staffMemberId: null,
      count: 1,
    });
    expect(refusal.firstTime).not.toBeNull();
    // Nothing of it in staff member A's or key A's history.
    for (const path of [`staff/${w.staffA.id}`, `key/${w.keyIds.keyA}`]) {
      const page = await admin.get(`/api/v1/event-log/${path}?refused=true`);
      expect(page.status).toBe(200);
      expect(page.body.items).toEqual([]);
    }
    const visits = await admin.get(`/api/v1/customers/${w.customer}/visits?format=json`);
    expect(JSON.stringify(visits.body)).not.toContain(w.staffA.pseudonym);
    // verify-log finds the stored columns (verified, claimed key, count, first time) as signed.
    const check = await verifyEventLog(server.db.pool, {
      municipalityId: w.municipalityId,
      isRecording: false,
    });
    expect(check.findings.filter((f) => f.kind !== 'gap')).toEqual([]);
    expect(check.records).toBeGreaterThan(0);
  });

  it('records a chain fork and stores nothing from a lock that signed a second history', async () => {
    // One lock, and the same lock after its firmware was replaced: same device key, log from 1.
    const lockNumber = 4;
    const lockDeviceId = (
      await server.db.pool.query<{ id: string }>(
        `WITH d AS (INSERT INTO door (municipality_id, property_id, kind, label)
           SELECT municipality_id, property_id, 'apartment_door', 'Lgh 2002' FROM door WHERE id = $3 RETURNING id)
         INSERT INTO lock_device (municipality_id, lock_type, serial, status, door_id, lock_number)
         SELECT $1, 'cylinder_ring', $2, 'installed', d.id, $4 FROM d RETURNING id`,
        [w.municipalityId, `PV-${randomUUID().slice(0, 8)}`, w.otherApartment, lockNumber],
      )
    ).rows[0]!.id;
    const keyPair = await generateSigningKeyPair();
    const enrolmentId = (
      await server.db.pool.query<{ id: string }>(
        `INSERT INTO device_enrolment (municipality_id, kind, lock_device_id, public_jwk, enrolled_by)
         VALUES ($1, 'lock', $2, $3, 'test') RETURNING id`,
        [w.municipalityId, lockDeviceId, JSON.stringify(await exportPublicJwk(keyPair.publicKey))],
      )
    ).rows[0]!.id;
    const deviceId = uuidToBytes(enrolmentId);
    const config = {
      deviceId,
      lockNumber,
      issuer: w.issuer.municipality,
      issuerKeys: w.issuer.issuerKeys,
      keyPair,
      world: w.world,
    };
    await w.issuer.enrolDevice({ deviceId, kind: 'lock', publicKey: keyPair.publicKey, lock: lockNumber });
    w.issuer.setGrants(w.keyA.deviceId, [{ lock: 1 }, { lock: 2 }, { lock: 3 }, { lock: lockNumber }]);
    expect(await w.station.sync(w.keyA)).toMatchObject({ isSynced: true }); // a ticket with lock 4
    const original = new Lock(config);
    const source = { kind: 'adapter' as const, deviceId: 'lock-reader' };
    expect(await w.keyA.openLock(original)).toEqual({ isOpen: true });
    w.keyA.takeCarriedRecords(); // read below through the service interface instead
    const first = await ingestRecordBatches(
      server.db.pool,
      w.municipalityId,
      [await exportBatch(original)],
      source,
    );
    expect(first).toMatchObject({ stored: original.recordSequence, findings: [] });
    const stored = await countRows(enrolmentId);

    w.world.advance(3600);
    const restarted = new Lock(config);
    expect(await w.keyA.openLock(restarted)).toEqual({ isOpen: true });
    w.keyA.takeCarriedRecords();
    const forked = await ingestRecordBatches(
      server.db.pool,
      w.municipalityId,
      [await exportBatch(restarted)],
      source,
    );
    expect(forked).toMatchObject({ stored: 0, duplicates: 0 });
    expect(forked.findings).toHaveLength(1);
    expect(forked.findings[0]).toMatch(/^chain-fork: device .*record 1 differs/);
    expect(await countRows(enrolmentId)).toBe(stored);
    const finding = await server.db.pool.query(
      `SELECT kind, first_sequence, batch IS NOT NULL AS "hasBatch" FROM event_finding WHERE device_id = $1`,
      [enrolmentId],
    );
    expect(finding.rows).toEqual([{ kind: 'chain-fork', first_sequence: 1, hasBatch: true }]);

    // The original lock's next records are still accepted, linked to what is stored.
    w.world.advance(10);
    expect(await w.keyA.openLock(original)).toEqual({ isOpen: true });
    w.keyA.takeCarriedRecords();
    const next = await ingestRecordBatches(
      server.db.pool,
      w.municipalityId,
      [await exportBatch(original)],
      source,
    );
    expect(next).toMatchObject({
      stored: original.recordSequence - stored,
      duplicates: stored,
      findings: [],
    });
  });
});

async function exportBatch(lock: Lock): Promise<Uint8Array> {
  return encodeRecordBatch(await lock.exportRecords(0));
}

async function countRows(deviceId: string): Promise<number> {
  const { rows } = await server.db.pool.query<{ n: string }>(
    'SELECT count(*) AS n FROM device_event WHERE device_id = $1',
    [deviceId],
  );
  return Number(rows[0]!.n);
}
