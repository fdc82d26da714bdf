import { decodeEventRecord } from '@portvakt/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestSite } from './testing';
import { createTestSite } from './testing';

let site: TestSite;
beforeEach(async () => {
  site = await createTestSite();
});

describe('records travel lock → key → sync station → issuer', () => {
  it('stores every lock and key record once, with no findings, including refusals', async () => {
    const { keyA, keyB, box, station, lock, issuer } = site;
    await box.activate(keyA, '1234');
    await keyA.openLock(lock);
    await keyB.openLock(lock); // no ticket yet: nothing reaches the lock
    await station.sync(keyB);
    await keyB.openLock(lock); // not activated: refused and recorded
    expect(keyA.carriedRecordCount + keyB.carriedRecordCount).toBe(lock.recordSequence);
    const receiptA = await station.sync(keyA);
    const receiptB = await station.sync(keyB);
    expect(receiptA).toMatchObject({ isSynced: true, receipt: { findings: [] } });
    expect(receiptB).toMatchObject({ isSynced: true, receipt: { findings: [] } });
    const stored = issuer.recordsOf(lock.deviceId);
    expect(stored.map((r) => r.sequence)).toEqual(
      Array.from({ length: lock.recordSequence }, (_, i) => i + 1),
    );
    const attempts = stored.filter((r) => r.kind === 'open-attempt');
    expect(attempts.map((r) => r.reason)).toEqual(['none', 'not-activated']);
    expect(issuer.recordsOf(keyA.deviceId).map((r) => r.kind)).toContain('activation');
    expect(issuer.findings).toEqual([]);
  });

  it('stores a batch that arrives twice only once', async () => {
    const { keyA, box, lock, issuer } = site;
    await box.activate(keyA, '1234');
    await keyA.openLock(lock);
    const { encodeRecordBatch } = await import('@portvakt/protocol');
    const batch = encodeRecordBatch(await lock.exportRecords(0));
    const count = lock.recordSequence;
    expect(await issuer.uploadRecords([batch])).toMatchObject({ stored: count, duplicates: 0 });
    expect(await issuer.uploadRecords([batch])).toMatchObject({ stored: 0, duplicates: count });
  });

  it('reports records lost to a full ring buffer as a gap, never silently', async () => {
    const { keyA, box, issuer, addLock } = site;
    const small = await addLock(99, { recordCapacity: 3 });
    issuer.setGrants(keyA.deviceId, [{ lock: 99 }]);
    await box.activate(keyA, '1234');
    await keyA.openLock(small);
    await site.station.sync(keyA);
    for (let i = 0; i < 5; i++) {
      small.issueChallenge();
      await small.open(new Uint8Array([0xff]));
    }
    await keyA.openLock(small); // hands over only the 3 records still held
    const receipt = await site.station.sync(keyA);
    expect(receipt).toMatchObject({ isSynced: true });
    expect(issuer.findings.some((f) => /records \d+\.\.\d+ missing/.test(f))).toBe(true);
  });

  it('keeps carried records on the key when the issuer is unreachable, and delivers them later', async () => {
    const { keyA, box, station, lock, issuer } = site;
    await box.activate(keyA, '1234');
    await keyA.openLock(lock);
    issuer.isReachable = false;
    expect(await station.sync(keyA)).toEqual({ isSynced: false, reason: 'issuer-unreachable' });
    expect(keyA.carriedRecordCount).toBe(lock.recordSequence);
    issuer.isReachable = true;
    expect(await station.sync(keyA)).toMatchObject({ isSynced: true });
    expect(issuer.recordsOf(lock.deviceId).map((r) => r.kind)).toEqual([
      'block-list-updated',
      'open-attempt',
    ]);
    expect(decodeEventRecord(lock.records.at(-1)!).kind).toBe('open-attempt');
  });
});
