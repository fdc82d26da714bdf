import {
  decodeEventRecord,
  decodeRecordBatch,
  encodeRecordBatch,
  importPublicJwk,
  verifyRecordBatch,
} from '@portvakt/protocol';
import { describe, expect, it } from 'vitest';
import { ManualWorldClock } from './clock';
import type { IssuerGateway, UploadReceipt } from './issuer-gateway';
import { IssuerUnreachableError } from './issuer-gateway';
import { CabinetRefusedError, KeyCabinet } from './key-cabinet.device';

const start = 1_767_607_200; // 2026-01-05 10:00 UTC
const deviceId = new Uint8Array(16).fill(0xca);

async function makeCabinet() {
  const world = new ManualWorldClock(start);
  const cabinet = await KeyCabinet.create({ deviceId, slotCount: 10, world, occupiedSlots: [3, 4] });
  return { world, cabinet };
}

/** Receives batches as the server would: verifying them with the enrolled public key. */
function recordingGateway(
  publicKey: CryptoKey,
  received: Array<Awaited<ReturnType<typeof verifyRecordBatch>>>,
) {
  return {
    async uploadRecords(batches: Uint8Array[]): Promise<UploadReceipt> {
      for (const bytes of batches)
        received.push(await verifyRecordBatch(decodeRecordBatch(bytes), publicKey));
      return { stored: received.at(-1)!.records.length, duplicates: 0, findings: [] };
    },
  } as unknown as IssuerGateway;
}

describe('KeyCabinet', () => {
  it('records a take and a return with slot, staff and its clock, chained under a signed head', async () => {
    const { world, cabinet } = await makeCabinet();
    await cabinet.take(3, 'p-7f3a91c2');
    expect(cabinet.isKeyIn(3)).toBe(false);
    world.advance(1800);
    await cabinet.returnKey(3, 'p-7f3a91c2');
    expect(cabinet.isKeyIn(3)).toBe(true);
    const [taken, returned] = cabinet.records.map(decodeEventRecord);
    expect(taken).toMatchObject({
      kind: 'key-taken',
      slot: 3,
      staff: 'p-7f3a91c2',
      sequence: 1,
      time: start,
    });
    expect(returned).toMatchObject({ kind: 'key-returned', slot: 3, sequence: 2, time: start + 1800 });

    const received: Array<Awaited<ReturnType<typeof verifyRecordBatch>>> = [];
    const publicKey = await importPublicJwk(await cabinet.exportPublicJwk());
    await cabinet.upload(recordingGateway(publicKey, received));
    expect(received[0]!.head).toMatchObject({ firstSequence: 1, sequence: 2 });
    expect(cabinet.uncollectedRecords).toBe(0);
  });

  it('refuses to open an empty, occupied or missing slot and records nothing', async () => {
    const { cabinet } = await makeCabinet();
    await expect(cabinet.take(5, 'p-1')).rejects.toThrow(CabinetRefusedError);
    await expect(cabinet.returnKey(4, 'p-1')).rejects.toMatchObject({ reason: 'slot-occupied' });
    await expect(cabinet.take(11, 'p-1')).rejects.toMatchObject({ reason: 'no-such-slot' });
    expect(cabinet.recordSequence).toBe(0);
  });

  it('keeps its records when the upload fails, and a tampered record breaks the batch', async () => {
    const { cabinet } = await makeCabinet();
    await cabinet.take(4, 'p-2');
    const failing = {
      uploadRecords: () => Promise.reject(new IssuerUnreachableError('down')),
    } as unknown as IssuerGateway;
    await expect(cabinet.upload(failing)).rejects.toThrow('down');
    expect(cabinet.uncollectedRecords).toBe(1);

    const batch = await cabinet.exportBatch();
    const publicKey = await importPublicJwk(await cabinet.exportPublicJwk());
    const bytes = batch.records[0]!;
    // The slot number is the record's last byte: slot 4 rewritten as slot 5.
    const tampered = Uint8Array.from(bytes);
    tampered[tampered.length - 1] = 5;
    expect(decodeEventRecord(tampered).slot).toBe(5);
    await expect(
      verifyRecordBatch(decodeRecordBatch(encodeRecordBatch({ ...batch, records: [tampered] })), publicKey),
    ).rejects.toThrow('chain-broken');
  });
});
