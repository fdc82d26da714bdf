// A correctly signed record batch that the protocol refuses (here: a NUL in a record's staff
// pseudonym, field 9) is rejected whole and recorded with its bytes, over the real device
// gateway on real PostgreSQL, while the other batches of the same upload are stored: the station
// gets the ordinary receipt, not an error that would make it retry the whole upload for ever.
import { HttpIssuerGateway } from '@portvakt/devices';
import {
  encodeEventRecord,
  encodeRecordBatch,
  genesisHash,
  hashEventRecord,
  signChainHead,
  uuidToBytes,
  type EventRecord,
} from '@portvakt/protocol';
import { startTestMunicipality, type TestServer } from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, enrolDevice } from './devices.testing';

let server: TestServer;
let lock: { id: string; privateKey: CryptoKey };
let station: HttpIssuerGateway;

beforeAll(async () => {
  const started = await startTestMunicipality();
  ({ server } = started);
  const lockManager = await started.login('lock_manager');
  const lockId = await createRecord(started.admin, 'locks', {
    lockType: 'cylinder_ring',
    serial: `PV-NUL-${Date.now()}`,
  });
  const enrolledLock = await enrolDevice(lockManager, { kind: 'lock', lockId });
  expect(enrolledLock.response.status).toBe(201);
  lock = {
    id: enrolledLock.response.body.enrolment.id as string,
    privateKey: enrolledLock.keyPair.privateKey,
  };
  const enrolledStation = await enrolDevice(lockManager, { kind: 'sync_station', label: 'Synk' });
  expect(enrolledStation.response.status).toBe(201);
  station = new HttpIssuerGateway({
    baseUrl: server.url,
    deviceId: enrolledStation.response.body.enrolment.id as string,
    privateKey: enrolledStation.keyPair.privateKey,
  });
}, 60_000);
afterAll(async () => server?.close());

const count = async (sql: string, params: unknown[]) =>
  Number((await server.db.pool.query<{ n: string }>(sql, params)).rows[0]!.n);

/** A batch of the lock's records from `first`, chained to `prev` and signed by the lock. */
async function signedBatch(first: number, prev: Uint8Array, staffs: string[]) {
  const deviceId = uuidToBytes(lock.id);
  const time = Math.floor(Date.now() / 1000) - 600;
  const records: Uint8Array[] = [];
  for (const [i, staff] of staffs.entries()) {
    const record: EventRecord = {
      deviceId,
      sequence: first + i,
      time: time + i,
      kind: 'open-attempt',
      result: 'ok',
      reason: 'none',
      battery: 80,
      keyId: new Uint8Array(16).fill(7),
      staff,
      prev,
      verified: true,
    };
    const bytes = encodeEventRecord(record);
    records.push(bytes);
    prev = await hashEventRecord(bytes);
  }
  const head = await signChainHead(
    { deviceId, firstSequence: first, sequence: first + staffs.length - 1, hash: prev, time: time + 60 },
    lock.privateKey,
  );
  return { bytes: encodeRecordBatch({ head, records }), last: prev };
}

describe('an upload with a malformed but correctly signed batch', () => {
  it('stores the valid batch, records the bad one as a rejected batch, and applies nothing of it', async () => {
    const valid = await signedBatch(1, genesisHash, ['ps-0123456789ab', 'ps-0123456789ab']);
    const bad = await signedBatch(3, valid.last, ['ps-\u0000']);

    const receipt = await station.uploadRecords([valid.bytes, bad.bytes]);

    expect(receipt).toMatchObject({ stored: 2, duplicates: 0 });
    expect(receipt.findings).toHaveLength(1);
    expect(receipt.findings[0]).toMatch(/batch refused: out-of-range: event-record\.staff/);
    const stored = await server.db.pool.query<{ sequence: string; staff_pseudonym: string }>(
      'SELECT sequence, staff_pseudonym FROM device_event WHERE device_id = $1 ORDER BY sequence',
      [lock.id],
    );
    expect(stored.rows.map((r) => [Number(r.sequence), r.staff_pseudonym])).toEqual([
      [1, 'ps-0123456789ab'],
      [2, 'ps-0123456789ab'],
    ]);
    const findings = await server.db.pool.query<{
      kind: string;
      first_sequence: number;
      last_sequence: number;
      batch: Buffer;
    }>('SELECT kind, first_sequence, last_sequence, batch FROM event_finding WHERE device_id = $1', [
      lock.id,
    ]);
    expect(findings.rows).toHaveLength(1);
    expect(findings.rows[0]).toMatchObject({ kind: 'rejected_batch', first_sequence: 3, last_sequence: 3 });
    expect(Buffer.from(findings.rows[0]!.batch).equals(Buffer.from(bad.bytes))).toBe(true);
    // The chain stands after the valid batch: the bad batch moved nothing.
    expect(await count('SELECT last_sequence AS n FROM device_chain WHERE device_id = $1', [lock.id])).toBe(
      2,
    );
  });
});
