// Event records, chain heads and record batches: a lock's openings and refusals, a key cabinet's
// takes and returns, and records with the verification flag, block-list version and aggregates.
import {
  concatBytes,
  decodeCanonical,
  encodeCanonical,
  encodeEventRecord,
  encodeRecordBatch,
  genesisHash,
  hashEventRecord,
  signChainHead,
} from '@portvakt/protocol';
import { testLockNumber, testTime } from '@portvakt/protocol/testing';
import type { VectorContext } from './vector-context';

/** The chain of lock 4711's first three records, which later vectors continue. */
export interface RecordChain {
  records: Uint8Array[];
  prev: Uint8Array;
  recordMap: Map<number, unknown>;
}

/** Three chained records of lock 4711, their head and batches broken in each way the chain catches. */
export async function addEventRecordVectors(context: VectorContext) {
  const { add, keys } = context;
  const { keyA, lock } = keys;
  const records: Uint8Array[] = [];
  let prev: Uint8Array = genesisHash;
  for (let sequence = 1; sequence <= 3; sequence++) {
    const bytes = encodeEventRecord({
      deviceId: lock.kid,
      sequence,
      time: testTime + sequence * 60,
      kind: 'open-attempt',
      result: sequence === 2 ? 'denied' : 'ok',
      reason: sequence === 2 ? 'outside-time-window' : 'none',
      battery: 87,
      keyId: keyA.kid,
      staff: 'p-7f3a91c2',
      lock: testLockNumber,
      prev,
    });
    records.push(bytes);
    prev = await hashEventRecord(bytes);
  }
  add('event-record', 'opening by key A at lock 4711', records[0]!);
  add('event-record', 'refusal outside the time window', records[1]!);
  const recordMap = decodeCanonical(records[0]!, 256, 'r') as Map<number, unknown>;
  add('event-record', 'battery 101 %', encodeCanonical(new Map([...recordMap, [7, 101]])), 'out-of-range');
  add('event-record', 'unknown field 17', encodeCanonical(new Map([...recordMap, [17, 1]])), 'unknown-field');
  {
    // Same record with its map keys in descending order: built by hand, since encoders sort.
    const entries = [...recordMap].sort(([a], [b]) => b - a);
    const bytes = concatBytes(
      new Uint8Array([0xa0 + entries.length]),
      ...entries.flatMap(([k, v]) => [encodeCanonical(k), encodeCanonical(v)]),
    );
    add('event-record', 'map keys in descending order', bytes, 'non-canonical');
  }
  const head = await signChainHead(
    { deviceId: lock.kid, firstSequence: 1, sequence: 3, hash: prev, time: testTime + 240 },
    lock.privateKey,
  );
  add('chain-head', 'head over the three records above', head);
  add(
    'chain-head',
    "signed by key A under the lock's kid",
    await signChainHead(
      { deviceId: lock.kid, firstSequence: 1, sequence: 3, hash: prev, time: testTime + 240 },
      keyA.privateKey,
    ),
    'bad-signature',
  );
  add('record-batch', 'three chained records with their head', encodeRecordBatch({ head, records }));
  add(
    'record-batch',
    'middle record removed',
    encodeRecordBatch({ head, records: [records[0]!, records[2]!] }),
    'chain-broken',
  );
  add(
    'record-batch',
    'records 2 and 3 swapped',
    encodeRecordBatch({ head, records: [records[0]!, records[2]!, records[1]!] }),
    'chain-broken',
  );
  add(
    'record-batch',
    'refusal in record 2 rewritten as an opening',
    encodeRecordBatch({
      head,
      records: [
        records[0]!,
        encodeCanonical(
          new Map([...(decodeCanonical(records[1]!, 256, 'r') as Map<number, unknown>), [5, 0], [6, 0]]),
        ),
        records[2]!,
      ],
    }),
    'chain-broken',
  );
  return { records, prev, recordMap };
}

/** A key cabinet's take and return of the key in slot 12, chained and under one signed head. */
export async function addKeyCabinetVectors(context: VectorContext) {
  const { add, keys } = context;
  const { cabinet } = keys;
  {
    const cabinetRecords: Uint8Array[] = [];
    let cabinetPrev: Uint8Array = genesisHash;
    for (const [i, kind] of (['key-taken', 'key-returned'] as const).entries()) {
      const bytes = encodeEventRecord({
        deviceId: cabinet.kid,
        sequence: i + 1,
        time: testTime + (i + 1) * 600,
        kind,
        result: 'ok',
        reason: 'none',
        battery: 100,
        staff: 'p-7f3a91c2',
        slot: 12,
        prev: cabinetPrev,
      });
      cabinetRecords.push(bytes);
      cabinetPrev = await hashEventRecord(bytes);
    }
    add('event-record', 'key cabinet: key taken from slot 12', cabinetRecords[0]!);
    const takenMap = decodeCanonical(cabinetRecords[0]!, 256, 'r') as Map<number, unknown>;
    add(
      'event-record',
      'key cabinet: key taken without its slot (field 17)',
      encodeCanonical(new Map([...takenMap].filter(([k]) => k !== 17))),
      'missing-field',
    );
    add(
      'event-record',
      'key cabinet: slot 0',
      encodeCanonical(new Map([...takenMap, [17, 0]])),
      'out-of-range',
    );
    add(
      'record-batch',
      'key cabinet: take and return of slot 12 with their head',
      encodeRecordBatch({
        head: await signChainHead(
          { deviceId: cabinet.kid, firstSequence: 1, sequence: 2, hash: cabinetPrev, time: testTime + 1500 },
          cabinet.privateKey,
        ),
        records: cabinetRecords,
      }),
    );
    add(
      'record-batch',
      'key cabinet: the take record rewritten to slot 13',
      encodeRecordBatch({
        head: await signChainHead(
          { deviceId: cabinet.kid, firstSequence: 1, sequence: 2, hash: cabinetPrev, time: testTime + 1500 },
          cabinet.privateKey,
        ),
        records: [encodeCanonical(new Map([...takenMap, [17, 13]])), cabinetRecords[1]!],
      }),
      'chain-broken',
    );
  }
}

/** Records with the verification flag, block-list version and aggregates, after the chain above. */
export async function addEventRecordFlagVectors(context: VectorContext, chain: RecordChain) {
  const { records, prev, recordMap } = chain;
  const { add, keys } = context;
  const { keyA, keyB, lock } = keys;
  {
    const base = {
      deviceId: lock.kid,
      sequence: 4,
      time: testTime + 300,
      battery: 87,
      lock: testLockNumber,
      prev,
      blockListVersion: 7,
    };
    add(
      'event-record',
      'verified refusal: key A at lock 4711 outside its window, lock holds block list 7',
      encodeEventRecord({
        ...base,
        kind: 'open-attempt',
        result: 'denied',
        reason: 'outside-time-window',
        keyId: keyA.kid,
        staff: 'p-7f3a91c2',
        verified: true,
      }),
    );
    add(
      'event-record',
      'aggregate: 12 forged tickets claiming key B since testTime, unverified',
      encodeEventRecord({
        ...base,
        kind: 'open-attempt',
        result: 'denied',
        reason: 'bad-issuer-signature',
        verified: false,
        claimedKeyId: keyB.kid,
        count: 12,
        firstTime: testTime,
      }),
    );
    const unverifiedWithIdentity = new Map([
      ...(decodeCanonical(records[1]!, 256, 'r') as Map<number, unknown>),
      [13, false],
    ]);
    add(
      'event-record',
      'key id and staff with verified = false',
      encodeCanonical(unverifiedWithIdentity),
      'out-of-range',
    );
    // A NUL cannot be stored as database text: every reader refuses control characters in field 9.
    add(
      'event-record',
      'staff pseudonym with a NUL character',
      encodeCanonical(new Map([...recordMap, [9, 'p-7f3a91c2\u0000']])),
      'out-of-range',
    );
  }
}
