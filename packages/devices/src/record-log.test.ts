import {
  decodeEventRecord,
  generateSigningKeyPair,
  genesisHash,
  verifyRecordBatch,
} from '@portvakt/protocol';
import { describe, expect, it } from 'vitest';
import { chainStartFrom, RecordLog, type RecordFields } from './record-log';

const deviceId = new Uint8Array(16).fill(7);
const fields: RecordFields = {
  kind: 'open-attempt',
  result: 'ok',
  reason: 'none',
  time: 1_800_000_000,
  battery: 90,
};

describe('a record log continuing a re-enrolled device’s chain', () => {
  it('numbers its first record after the chain start and links it to the start’s hash', async () => {
    const keyPair = await generateSigningKeyPair();
    const log = new RecordLog(deviceId, keyPair.privateKey, 10);
    const start = chainStartFrom({ afterSequence: 41, prevHash: 'ab'.repeat(32) })!;
    log.continueChain(start);
    await log.append(fields);
    const batch = await log.exportBatch(1_800_000_100);
    expect(batch.records).toHaveLength(1);
    const record = decodeEventRecord(batch.records[0]!);
    expect(record.sequence).toBe(42);
    expect(record.prev).toEqual(start.prevHash);
    const { head } = await verifyRecordBatch(batch, keyPair.publicKey);
    expect([head.firstSequence, head.sequence]).toEqual([42, 42]);
  });

  it('starts at 1 from the genesis hash without a chain start, and refuses one once it holds records', async () => {
    const keyPair = await generateSigningKeyPair();
    const log = new RecordLog(deviceId, keyPair.privateKey, 10);
    expect(chainStartFrom(null)).toBeUndefined();
    const first = await log.append(fields);
    expect([first.sequence, first.prev]).toEqual([1, genesisHash]);
    expect(() => log.continueChain({ afterSequence: 5, prevHash: new Uint8Array(32) })).toThrow(
      /already holds/,
    );
    expect(log.sequence).toBe(1);
  });

  it('refuses a chain start that is not a positive sequence with a 32-byte hash', async () => {
    const log = new RecordLog(deviceId, (await generateSigningKeyPair()).privateKey, 10);
    expect(() => log.continueChain({ afterSequence: 0, prevHash: new Uint8Array(32) })).toThrow();
    expect(() => log.continueChain({ afterSequence: 3, prevHash: new Uint8Array(31) })).toThrow();
    expect(log.sequence).toBe(0);
  });
});
