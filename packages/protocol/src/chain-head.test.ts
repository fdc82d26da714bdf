import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordBatch } from './chain-head';
import { decodeRecordBatch, encodeRecordBatch, signChainHead, verifyRecordBatch } from './chain-head';
import { ProtocolError } from './errors';
import type { EventRecord } from './event-record';
import { decodeEventRecord, encodeEventRecord, genesisHash, hashEventRecord } from './event-record';
import type { TestSigner } from './testing';
import { loadTestKeys, testTime } from './testing';

let lock: TestSigner;
let otherDevice: TestSigner;
beforeAll(async () => {
  const keys = await loadTestKeys();
  lock = keys.lock;
  otherDevice = keys.keyA;
});

/** Builds a signed batch of `count` chained records from sequence 1, as a lock would. */
async function buildBatch(count: number): Promise<RecordBatch> {
  const records: Uint8Array[] = [];
  let prev: Uint8Array = genesisHash;
  for (let sequence = 1; sequence <= count; sequence++) {
    const record: EventRecord = {
      deviceId: lock.kid,
      sequence,
      time: testTime + sequence * 60,
      kind: 'open-attempt',
      result: sequence % 3 === 0 ? 'denied' : 'ok',
      reason: sequence % 3 === 0 ? 'wrong-lock' : 'none',
      battery: 90,
      keyId: otherDevice.kid,
      lock: 4711,
      prev,
    };
    const bytes = encodeEventRecord(record);
    records.push(bytes);
    prev = await hashEventRecord(bytes);
  }
  const head = await signChainHead(
    { deviceId: lock.kid, firstSequence: 1, sequence: count, hash: prev, time: testTime + count * 60 },
    lock.privateKey,
  );
  return { head, records };
}

async function reasonOf(batch: RecordBatch, key = lock.publicKey): Promise<string> {
  try {
    await verifyRecordBatch(batch, key);
    return 'accepted';
  } catch (error) {
    if (error instanceof ProtocolError) return error.reason;
    throw error;
  }
}

describe('record chains', () => {
  it('accepts an intact batch and returns its records in order', async () => {
    const batch = await buildBatch(6);
    const { records } = await verifyRecordBatch(decodeRecordBatch(encodeRecordBatch(batch)), lock.publicKey);
    expect(records.map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('detects removal of any record (first, middle or last)', async () => {
    const batch = await buildBatch(6);
    for (let i = 0; i < 6; i++) {
      const records = batch.records.filter((_, j) => j !== i);
      expect(await reasonOf({ ...batch, records })).toBe('chain-broken');
    }
  });

  it('detects any reordering of records', async () => {
    const batch = await buildBatch(6);
    await fc.assert(
      fc.asyncProperty(fc.nat(5), fc.nat(5), async (i, j) => {
        fc.pre(i !== j);
        const records = [...batch.records];
        [records[i], records[j]] = [records[j]!, records[i]!];
        expect(await reasonOf({ ...batch, records })).toBe('chain-broken');
      }),
      { numRuns: 60 },
    );
  });

  it('detects alteration of any field of any record, even when re-encoded canonically', async () => {
    const batch = await buildBatch(6);
    for (let i = 0; i < 6; i++) {
      const original = decodeEventRecord(batch.records[i]!);
      for (const change of [
        { time: original.time + 1 },
        { reason: 'none' as const, result: 'ok' as const },
        { battery: 1 },
      ]) {
        const records = [...batch.records];
        records[i] = encodeEventRecord({ ...original, ...change });
        if (records[i]!.every((b, k) => b === batch.records[i]![k])) continue;
        expect(await reasonOf({ ...batch, records })).toBe('chain-broken');
      }
    }
  });

  it('refuses a head signed by another device key', async () => {
    const batch = await buildBatch(3);
    expect(await reasonOf(batch, otherDevice.publicKey)).toBe('bad-signature');
  });

  it('checks continuity with the verifier anchor', async () => {
    const batch = await buildBatch(4);
    const tail = {
      head: await signChainHead(
        {
          deviceId: lock.kid,
          firstSequence: 3,
          sequence: 4,
          hash: await hashEventRecord(batch.records[3]!),
          time: testTime,
        },
        lock.privateKey,
      ),
      records: batch.records.slice(2),
    };
    const anchorHash = await hashEventRecord(batch.records[1]!);
    await expect(
      verifyRecordBatch(tail, lock.publicKey, { sequence: 2, hash: anchorHash }),
    ).resolves.toBeDefined();
    await expect(verifyRecordBatch(tail, lock.publicKey, { sequence: 2, hash: genesisHash })).rejects.toThrow(
      'chain-broken',
    );
  });
});
