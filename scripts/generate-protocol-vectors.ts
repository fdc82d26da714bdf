// Generates docs/protocol-vectors.json from the fixed test keys in @portvakt/protocol/testing.
// ECDSA signatures are randomised, so each run would yield different hex with the same meaning:
// a vector already in the file (same message and name) keeps its published bytes, so a run only
// adds new vectors. Every vector is checked against the reference implementation before the file
// is written.
// Run: npx tsx scripts/generate-protocol-vectors.ts
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContentType, ProtocolVector, ProtocolVectorFile, PublicJwk } from '@portvakt/protocol';
import {
  bytesToHex,
  checkVector,
  concatBytes,
  contentTypes,
  decodeCanonical,
  encodeCanonical,
  encodeChallenge,
  encodeEventRecord,
  encodePresentation,
  encodeRecordBatch,
  encodeTicketClaims,
  exportPublicJwk,
  genesisHash,
  hashEventRecord,
  hexToBytes,
  importVectorKeys,
  signBlockList,
  signIssuerKeySet,
  signTimeAttestation,
  toHighS,
  decodeVector,
  signChainHead,
  signCoseSign1,
  signCredentialRequest,
  signDeviceCertificate,
  signEs256,
  signKeyResponse,
  signTicket,
  signVisitCheck,
} from '@portvakt/protocol';
import type { TestSigner } from '@portvakt/protocol/testing';
import { buildTestTicketClaims, loadTestKeys, testLockNumber, testTime } from '@portvakt/protocol/testing';

const keys = await loadTestKeys();
const { issuer, rogueIssuer, keyA, keyB, lock, cabinet } = keys;
const target = join(fileURLToPath(import.meta.url), '..', '..', 'docs', 'protocol-vectors.json');
const publishedBefore = existsSync(target)
  ? (JSON.parse(readFileSync(target, 'utf8')) as ProtocolVectorFile).vectors
  : [];
const publishedHex = new Map(publishedBefore.map((v) => [`${v.message}\n${v.name}`, v.hex]));
const forger: TestSigner = { ...rogueIssuer, kid: issuer.kid };
const nonce = hexToBytes('00112233445566778899aabbccddeeff');
const vectors: ProtocolVector[] = [];
const add = (
  message: ProtocolVector['message'],
  name: string,
  bytes: Uint8Array,
  reason?: ProtocolVector['reason'],
) =>
  vectors.push({
    name,
    message,
    hex: publishedHex.get(`${message}\n${name}`) ?? bytesToHex(bytes),
    expect: reason ? 'reject' : 'accept',
    ...(reason ? { reason } : {}),
  });
const map = (entries: [number, unknown][]) => new Map<number, unknown>(entries);

/** Signs `payload` bypassing the builders' own checks, to produce validly signed bad content. */
const signRaw = (signer: TestSigner, contentType: ContentType, payload: Uint8Array) =>
  signCoseSign1({ privateKey: signer.privateKey, kid: signer.kid, contentType, payload });

// ticket
const claims = buildTestTicketClaims(keyA);
const ticket = await signTicket(claims, issuer);
add('ticket', 'typical ticket: three locks, one only on Mondays 07:00-22:00 UTC', ticket);
add(
  'ticket',
  '300 locks with 4-byte lock numbers',
  await signTicket(
    buildTestTicketClaims(keyA, {
      locks: Array.from({ length: 300 }, (_, i) => ({ lock: 0x10000000 + i * 7919 })),
    }),
    issuer,
  ),
);
add(
  'ticket',
  'signature by another key under the issuer kid (forged)',
  await signTicket(claims, forger),
  'bad-signature',
);
add(
  'ticket',
  'signed by a key whose kid is not published',
  await signTicket(claims, rogueIssuer),
  'unknown-kid',
);
add(
  'ticket',
  'valid ticket followed by one extra byte',
  concatBytes(ticket, new Uint8Array([0])),
  'trailing-bytes',
);
add('ticket', 'valid ticket truncated by one byte', ticket.slice(0, -1), 'malformed-cbor');
add(
  'ticket',
  'a 9000-byte input (over the 8192-byte limit)',
  encodeCanonical(new Uint8Array(8995)),
  'oversize',
);
const withExtraClaim = encodeTicketClaims(claims);
const extended = encodeCanonical(
  new Map([...(decodeCanonical(withExtraClaim, 9000, 't') as Map<number, unknown>), [-70000, 1]]),
);
add(
  'ticket',
  'correctly signed, with an unknown claim -70000',
  await signRaw(issuer, contentTypes.ticket, extended),
  'unknown-field',
);
add(
  'ticket',
  'correctly signed, valid for 5 days and 1 second',
  await signRaw(
    issuer,
    contentTypes.ticket,
    encodeTicketClaims({ ...claims, expiresAt: claims.issuedAt + 5 * 86400 + 1 }),
  ),
  'out-of-range',
);
{
  // Protected header with keys in the order 4, 1, 3: a valid signature over non-canonical bytes.
  const protectedBytes = concatBytes(hexToBytes('a30448'), issuer.kid, hexToBytes('01260319fde9'));
  const payload = encodeTicketClaims(claims);
  const signature = await signEs256(
    issuer.privateKey,
    encodeCanonical(['Signature1', protectedBytes, new Uint8Array(0), payload]),
  );
  add(
    'ticket',
    'correctly signed, protected header keys out of canonical order',
    encodeCanonical([protectedBytes, new Map(), payload, signature]),
    'non-canonical',
  );
}

// block list
const blockList = await signBlockList(
  { issuer: 'se-0180', version: 7, issuedAt: testTime, blockedKeys: [keyB.kid] },
  issuer,
);
add('block-list', 'version 7 blocking key B', blockList);
add(
  'block-list',
  'forged signature under the issuer kid',
  await signBlockList({ issuer: 'se-0180', version: 8, issuedAt: testTime, blockedKeys: [] }, forger),
  'bad-signature',
);
add(
  'block-list',
  'correctly signed, entries not in ascending order',
  await signRaw(
    issuer,
    contentTypes.blockList,
    encodeCanonical(
      map([
        [1, 'se-0180'],
        [2, 9],
        [3, testTime],
        [4, [keyB.kid, keyA.kid]],
      ]),
    ),
  ),
  'out-of-range',
);
add('ticket', 'a signed block list presented as a ticket', blockList, 'wrong-content-type');

// challenge
const challenge = encodeChallenge({ lock: testLockNumber, nonce, time: testTime, blockListVersion: 7 });
add('challenge', 'challenge from lock 4711', challenge);
add(
  'challenge',
  'extra field 6',
  encodeCanonical(
    map([
      [1, testLockNumber],
      [2, nonce],
      [3, testTime],
      [4, 7],
      [6, 0],
    ]),
  ),
  'unknown-field',
);
add(
  'challenge',
  'nonce as text',
  encodeCanonical(
    map([
      [1, testLockNumber],
      [2, 'nonce'],
      [3, testTime],
      [4, 7],
    ]),
  ),
  'wrong-type',
);
add(
  'challenge',
  'lock number encoded in more bytes than needed',
  hexToBytes('a4011a00001267025000112233445566778899aabbccddeeff031a695b8c600407'),
  'non-canonical',
);

// key response and presentation
const responseBody = { nonce, lock: testLockNumber, activatedAt: testTime - 600 };
const response = await signKeyResponse(responseBody, { privateKey: keyA.privateKey, keyId: keyA.kid });
const responseByB = await signKeyResponse(responseBody, { privateKey: keyB.privateKey, keyId: keyA.kid });
add('key-response', 'key A answers the challenge above', response);
add('key-response', "signed by key B under key A's kid", responseByB, 'bad-signature');
add(
  'key-response',
  'correctly signed, activation time missing',
  await signRaw(
    keyA,
    contentTypes.keyResponse,
    encodeCanonical(
      map([
        [1, nonce],
        [2, testLockNumber],
      ]),
    ),
  ),
  'missing-field',
);
add('presentation', 'ticket of key A with key A response', encodePresentation({ ticket, response }));
add(
  'presentation',
  'ticket of key A with a response key B signed as A',
  encodePresentation({ ticket, response: responseByB }),
  'bad-signature',
);
add(
  'presentation',
  "ticket of key A with key B's own valid response",
  encodePresentation({
    ticket,
    response: await signKeyResponse(responseBody, { privateKey: keyB.privateKey, keyId: keyB.kid }),
  }),
  'key-mismatch',
);

// event records, chain head, record batch
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

// key cabinet: a take and a return of the key in slot 12, chained and under one signed head
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

// device certificate
const certificate = await signDeviceCertificate(
  {
    issuer: 'se-0180',
    deviceId: lock.kid,
    kind: 'lock',
    publicKey: lock.coordinates,
    issuedAt: testTime,
    lock: testLockNumber,
  },
  issuer,
);
add('device-certificate', 'lock 4711 enrolment', certificate);
add(
  'device-certificate',
  'forged signature',
  await signDeviceCertificate(
    { issuer: 'se-0180', deviceId: keyA.kid, kind: 'key', publicKey: keyA.coordinates, issuedAt: testTime },
    forger,
  ),
  'bad-signature',
);
add(
  'device-certificate',
  'correctly signed key certificate carrying a lock number',
  await signRaw(
    issuer,
    contentTypes.deviceCertificate,
    encodeCanonical(
      map([
        [1, 'se-0180'],
        [2, keyA.kid],
        [3, 2],
        [
          4,
          map([
            [1, 2],
            [-1, 1],
            [-2, keyA.coordinates.x],
            [-3, keyA.coordinates.y],
          ]),
        ],
        [5, testTime],
        [6, 1],
      ]),
    ),
  ),
  'out-of-range',
);

// credential request
const request = { keyId: keyA.kid, nonce, time: testTime, purpose: 'activation' as const };
add(
  'credential-request',
  'key A activation after a correct PIN',
  await signCredentialRequest(request, keyA.privateKey),
);
add(
  'credential-request',
  "signed by key B under key A's id",
  await signCredentialRequest(request, keyB.privateKey),
  'bad-signature',
);

// ticket: block-list delta claims
add(
  'ticket',
  'ticket carrying the block-list entries added after version 5 (since = 5, version 7)',
  await signTicket(
    buildTestTicketClaims(keyA, { blockListVersion: 7, blockListSince: 5, blockedKeys: [keyB.kid] }),
    issuer,
  ),
);
add(
  'ticket',
  'correctly signed, block-list since (8) after its version (7)',
  await signRaw(
    issuer,
    contentTypes.ticket,
    encodeCanonical(
      new Map([
        ...(decodeCanonical(encodeTicketClaims({ ...claims, blockListVersion: 7 }), 9000, 't') as Map<
          number,
          unknown
        >),
        [-65543, 8],
      ]),
    ),
  ),
  'out-of-range',
);
add(
  'ticket',
  'correctly signed, 65 blocked keys (over the 64 a ticket may carry)',
  await signRaw(
    issuer,
    contentTypes.ticket,
    encodeTicketClaims({
      ...claims,
      blockedKeys: Array.from({ length: 65 }, (_, i) => concatBytes(new Uint8Array(15), new Uint8Array([i]))),
    }),
  ),
  'oversize',
);

// COSE envelope and CBOR strictness, on the typical ticket and the challenge
{
  const [protectedBytes, , payload, signature] = decodeCanonical(ticket, 9000, 't') as [
    Uint8Array,
    Map<number, unknown>,
    Uint8Array,
    Uint8Array,
  ];
  add(
    'ticket',
    'the typical ticket with its signature in high-S form (s replaced by n - s; verifies in plain ECDSA)',
    encodeCanonical([protectedBytes, new Map(), payload, toHighS(signature)]),
    'non-canonical',
  );
  add(
    'ticket',
    'the typical ticket wrapped in COSE_Sign1 tag 18',
    concatBytes(hexToBytes('d2'), ticket),
    'malformed-cbor',
  );
  add(
    'ticket',
    'the typical ticket with a non-empty unprotected header {4: kid}',
    encodeCanonical([protectedBytes, map([[4, issuer.kid]]), payload, signature]),
    'unknown-field',
  );
  const es384Header = encodeCanonical(
    map([
      [1, -35],
      [3, contentTypes.ticket],
      [4, issuer.kid],
    ]),
  );
  const es384Signature = await signEs256(
    issuer.privateKey,
    encodeCanonical(['Signature1', es384Header, new Uint8Array(0), payload]),
  );
  add(
    'ticket',
    'correctly signed, protected header naming ES384 (-35)',
    encodeCanonical([es384Header, new Map(), payload, es384Signature]),
    'wrong-algorithm',
  );
}
const nonceHead = concatBytes(hexToBytes('0250'), nonce);
add(
  'challenge',
  'map with key 1 twice',
  concatBytes(hexToBytes('a5011912670119126f'), nonceHead, hexToBytes('031a695b8c600407')),
  'malformed-cbor',
);
add(
  'challenge',
  'indefinite-length map',
  concatBytes(hexToBytes('bf01191267'), nonceHead, hexToBytes('031a695b8c600407ff')),
  'malformed-cbor',
);
add(
  'challenge',
  'time as a float64 holding a whole number',
  concatBytes(hexToBytes('a401191267'), nonceHead, hexToBytes('03fb41da56e2e80000000407')),
  'non-canonical',
);
add(
  'challenge',
  'lock number as the float 1.5',
  concatBytes(hexToBytes('a401f93e00'), nonceHead, hexToBytes('031a695b8c600407')),
  'wrong-type',
);
add(
  'challenge',
  'with issuer key set version 2 (field 5)',
  encodeChallenge({
    lock: testLockNumber,
    nonce,
    time: testTime,
    blockListVersion: 7,
    issuerKeySetVersion: 2,
  }),
);
add(
  'challenge',
  'issuer key set version 0 sent explicitly (0 is sent by leaving field 5 out)',
  encodeCanonical(
    map([
      [1, testLockNumber],
      [2, nonce],
      [3, testTime],
      [4, 7],
      [5, 0],
    ]),
  ),
  'out-of-range',
);

// event records with the verification flag, block-list version and aggregates
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

// issuer key set
const rotated = keys.rogueIssuer; // stands in for the municipality's next issuer key here
const keySet = await signIssuerKeySet(
  {
    issuer: 'se-0180',
    version: 2,
    issuedAt: testTime,
    keys: [
      { kid: issuer.kid, publicKey: issuer.coordinates },
      { kid: rotated.kid, publicKey: rotated.coordinates },
    ],
  },
  issuer,
);
add('issuer-key-set', 'version 2: the issuer key and its successor, signed by the issuer key', keySet);
add(
  'issuer-key-set',
  'signed by a key that is not trusted (the successor alone)',
  await signIssuerKeySet(
    {
      issuer: 'se-0180',
      version: 3,
      issuedAt: testTime,
      keys: [{ kid: rotated.kid, publicKey: rotated.coordinates }],
    },
    rotated,
  ),
  'unknown-kid',
);
add(
  'issuer-key-set',
  "correctly signed, the issuer's kid paired with another key",
  await signIssuerKeySet(
    {
      issuer: 'se-0180',
      version: 4,
      issuedAt: testTime,
      keys: [{ kid: issuer.kid, publicKey: rotated.coordinates }],
    },
    issuer,
  ),
  'out-of-range',
);

// time attestation
const attestation = { issuer: 'se-0180', lock: testLockNumber, nonce, time: testTime + 30 };
add(
  'time-attestation',
  'issuer time for the challenge above',
  await signTimeAttestation(attestation, issuer),
);
add(
  'time-attestation',
  'forged signature under the issuer kid',
  await signTimeAttestation(attestation, forger),
  'bad-signature',
);

// visit check (a phone's check-in and check-out; key A stands in for the phone)
const customer = hexToBytes('c0570000000040008000000000000001');
const checkIn = { keyId: keyA.kid, nonce, time: testTime, action: 'check-in' as const, customer };
add('visit-check', 'phone A checks in at a customer', await signVisitCheck(checkIn, keyA.privateKey));
add(
  'visit-check',
  'phone A checks out at the same customer 40 minutes later',
  await signVisitCheck(
    {
      ...checkIn,
      nonce: hexToBytes('ffeeddccbbaa99887766554433221100'),
      time: testTime + 2400,
      action: 'check-out',
    },
    keyA.privateKey,
  ),
);
add(
  'visit-check',
  "signed by key B under phone A's id",
  await signVisitCheck(checkIn, keyB.privateKey),
  'bad-signature',
);
add(
  'visit-check',
  'correctly signed, action 3 (only 1 check-in and 2 check-out exist)',
  await signRaw(
    keyA,
    contentTypes.visitCheck,
    encodeCanonical(
      map([
        [1, keyA.kid],
        [2, nonce],
        [3, testTime],
        [4, 3],
        [5, customer],
      ]),
    ),
  ),
  'out-of-range',
);
add(
  'visit-check',
  'correctly signed, without the customer',
  await signRaw(
    keyA,
    contentTypes.visitCheck,
    encodeCanonical(
      map([
        [1, keyA.kid],
        [2, nonce],
        [3, testTime],
        [4, 1],
      ]),
    ),
  ),
  'missing-field',
);
add(
  'visit-check',
  'a credential request presented as a visit check (content type 65006)',
  await signCredentialRequest(request, keyA.privateKey),
  'wrong-content-type',
);

const published: Record<string, PublicJwk> = {};
for (const signer of [issuer, keyA, keyB, lock, cabinet])
  published[bytesToHex(signer.kid)] = await exportPublicJwk(signer.publicKey);
const file: ProtocolVectorFile = { keys: published, vectors };

const vectorKeys = await importVectorKeys(published);
for (const vector of vectors) {
  if (vector.expect === 'accept') vector.decoded = await decodeVector(vector, vectorKeys);
  const outcome = await checkVector(vector, vectorKeys);
  const expected =
    vector.expect === 'accept' ? { outcome: 'accept' } : { outcome: 'reject', reason: vector.reason };
  if (JSON.stringify(outcome) !== JSON.stringify(expected)) {
    throw new Error(`vector "${vector.name}" (${vector.message}): got ${JSON.stringify(outcome)}`);
  }
}
writeFileSync(target, `${JSON.stringify(file, null, 2)}\n`);
console.log(`Wrote ${vectors.length} vectors to docs/protocol-vectors.json`);
