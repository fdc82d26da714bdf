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
    await keyB.openLock(lock); // not activated: refused and recorded, but B may not collect records
    expect(keyB.carriedRecordCount).toBe(0);
    await keyA.openLock(lock); // the next key that opens collects B's refusal too
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
    expect(attempts.map((r) => r.reason)).toEqual(['none', 'not-activated', 'none']);
    expect(attempts.every((r) => r.verified === true && r.blockListVersion === lock.blockListVersion)).toBe(
      true,
    );
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

  it('reports records lost with a key as a gap, never silently', async () => {
    const { keyA, box, issuer, lock, station } = site;
    await box.activate(keyA, '1234');
    await keyA.openLock(lock);
    await station.sync(keyA);
    await keyA.openLock(lock);
    keyA.takeCarriedRecords(); // the key is lost with these records on it
    await keyA.openLock(lock);
    expect(await station.sync(keyA)).toMatchObject({ isSynced: true });
    expect(issuer.findings.some((f) => /records \d+\.\.\d+ missing/.test(f))).toBe(true);
  });

  it('never overwrites records no key has collected: when full it counts what it cannot record', async () => {
    const { keyA, keyB, box, issuer, addLock } = site;
    const small = await addLock(99, { recordCapacity: 40 });
    issuer.setGrants(keyA.deviceId, [{ lock: 99 }]);
    issuer.setGrants(keyB.deviceId, [{ lock: 99 }]);
    await box.activate(keyA, '1234');
    await site.station.sync(keyB); // B has a ticket but is not activated: verified refusals
    expect(await keyA.openLock(small)).toEqual({ isOpen: true });
    const first = decodeEventRecord(small.records[0]!);
    await site.station.sync(keyA);
    for (let i = 0; i < 60; i++)
      expect(await keyB.openLock(small)).toMatchObject({ reason: 'not-activated' });
    for (let i = 0; i < 500; i++) {
      small.issueChallenge();
      await small.open(new Uint8Array([0xff]));
    }
    // Every uncollected record is still held: none was overwritten.
    expect(small.uncollectedRecords).toBeLessThan(40);
    const held = small.records.map(decodeEventRecord);
    expect(held[0]!.sequence).toBeLessThanOrEqual(small.recordSequence - small.uncollectedRecords + 1);
    expect(await keyA.openLock(small)).toEqual({ isOpen: true }); // the door still opens
    const records = small.records.map(decodeEventRecord);
    const dropped = records.filter((r) => r.kind === 'records-dropped');
    expect(dropped[0]).toMatchObject({ reason: 'log-full', result: 'denied' });
    const recordedRefusals = records.filter((r) => r.reason === 'not-activated').length;
    // 60 refusals and the last opening: each either recorded or counted.
    const recordedOpenings = records.filter((r) => r.kind === 'open-attempt' && r.reason === 'none').length;
    expect(recordedRefusals + recordedOpenings + dropped.reduce((n, r) => n + r.count!, 0)).toBe(62);
    expect(records.find((r) => r.reason === 'malformed')).toMatchObject({ count: 500, verified: false });
    expect(first.sequence).toBe(1);
    // Nothing uncollected was lost: the upload shows no gap.
    expect(await site.station.sync(keyA)).toMatchObject({ isSynced: true, receipt: { findings: [] } });
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
