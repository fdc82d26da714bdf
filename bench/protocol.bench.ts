// Protocol benchmark: how many openings a lock verifies per second with a new ticket (two ECDSA
// verifications) and with a ticket it has already verified (one), against raw WebCrypto verify
// measured in the same run; and ticket encode/decode against JSON of the same content.
import { Lock, ManualWorldClock } from '@portvakt/devices';
import type { TicketClaims } from '@portvakt/protocol';
import {
  bytesToHex,
  createKeyRing,
  decodeChallenge,
  decodeTicketClaims,
  encodePresentation,
  encodeTicketClaims,
  fitTicketBlockList,
  signEs256,
  signKeyResponse,
  signTicket,
  verifyEs256,
} from '@portvakt/protocol';
import { buildTestTicketClaims, loadTestKeys, testLockNumber, testTime } from '@portvakt/protocol/testing';

const keys = await loadTestKeys();
const world = new ManualWorldClock(testTime);

function createLock(): Lock {
  return new Lock({
    deviceId: keys.lock.kid,
    lockNumber: testLockNumber,
    issuer: 'se-0180',
    issuerKeys: createKeyRing([[keys.issuer.kid, keys.issuer.publicKey]]),
    keyPair: { privateKey: keys.lock.privateKey, publicKey: keys.lock.publicKey },
    world,
    batteryCapacity: Number.MAX_SAFE_INTEGER,
    recordCapacity: 100_000,
  });
}

function ticketClaims(sequence: number, lockCount = 300): TicketClaims {
  // The bench lock plus lockCount - 1 others with 4-byte lock numbers (the largest encoding).
  const locks = Array.from({ length: lockCount - 1 }, (_, i) => ({ lock: 0x10000000 + i * 7919 }));
  return buildTestTicketClaims(keys.keyA, { sequence, locks: [{ lock: testLockNumber }, ...locks] });
}

/** Times only lock.open(); the key's signing is not the lock's cost. Returns openings per second. */
async function measureOpenings(lock: Lock, tickets: Uint8Array[], rounds: number): Promise<number> {
  let elapsed = 0;
  for (let i = 0; i < rounds; i++) {
    const { nonce } = decodeChallenge(lock.issueChallenge());
    const response = await signKeyResponse(
      { nonce, lock: testLockNumber, activatedAt: testTime - 60 },
      { privateKey: keys.keyA.privateKey, keyId: keys.keyA.kid },
    );
    const presentation = encodePresentation({ ticket: tickets[i % tickets.length]!, response });
    const start = performance.now();
    const result = await lock.open(presentation);
    elapsed += performance.now() - start;
    if (!result.isOpen) throw new Error(`bench opening refused: ${result.reason}`);
  }
  return rounds / (elapsed / 1000);
}

function rate(label: string, count: number, ms: number): number {
  const perSecond = count / (ms / 1000);
  console.log(`${label.padEnd(44)} ${Math.round(perSecond).toLocaleString('en-US').padStart(10)} /s`);
  return perSecond;
}

// Peer: one raw WebCrypto ES256 verification.
const data = new Uint8Array(200).fill(7);
const signature = await signEs256(keys.issuer.privateKey, data);
const verifyRounds = 2000;
let start = performance.now();
for (let i = 0; i < verifyRounds; i++) await verifyEs256(keys.issuer.publicKey, signature, data);
const rawVerify = rate('raw WebCrypto ES256 verify (peer)', verifyRounds, performance.now() - start);

// Cold: every opening brings a ticket the lock has not seen (sequence rises, so no rollback).
const coldRounds = 600;
const coldTickets: Uint8Array[] = [];
for (let i = 0; i < coldRounds; i++) coldTickets.push(await signTicket(ticketClaims(i + 1), keys.issuer));
const coldLock = createLock();
const openingsCold = await measureOpenings(coldLock, coldTickets, coldRounds);
console.log(
  `${'openings verified, cold ticket (300 locks)'.padEnd(44)} ${Math.round(openingsCold).toLocaleString('en-US').padStart(10)} /s`,
);
const coldVerifies = coldLock.verificationCount / coldRounds;

// Cached: the same ticket again, as when a staff member opens the same door during a shift.
const cachedRounds = 2000;
const cachedLock = createLock();
const openingsCached = await measureOpenings(cachedLock, [coldTickets[0]!], cachedRounds);
console.log(
  `${'openings verified, cached ticket'.padEnd(44)} ${Math.round(openingsCached).toLocaleString('en-US').padStart(10)} /s`,
);
const cachedVerifies = (cachedLock.verificationCount - 1) / (cachedRounds - 1);

// Ticket encode/decode vs JSON of the same content (bytes as hex, the usual JSON form).
const claims = ticketClaims(1);
const toJson = (c: TicketClaims) =>
  JSON.stringify({
    ...c,
    keyId: bytesToHex(c.keyId),
    cnf: { x: bytesToHex(c.cnf.x), y: bytesToHex(c.cnf.y) },
    blockedKeys: c.blockedKeys.map(bytesToHex),
  });
const codecRounds = 3000;
start = performance.now();
let payload: Uint8Array = new Uint8Array();
for (let i = 0; i < codecRounds; i++) payload = encodeTicketClaims(claims);
const encodeRate = rate('ticket claims encode, CBOR (300 locks)', codecRounds, performance.now() - start);
start = performance.now();
let json = '';
for (let i = 0; i < codecRounds; i++) json = toJson(claims);
const jsonEncodeRate = rate(
  'ticket claims encode, JSON.stringify (peer)',
  codecRounds,
  performance.now() - start,
);
start = performance.now();
for (let i = 0; i < codecRounds; i++) decodeTicketClaims(payload);
const decodeRate = rate('ticket claims strict decode, CBOR', codecRounds, performance.now() - start);
start = performance.now();
for (let i = 0; i < codecRounds; i++) JSON.parse(json);
const jsonDecodeRate = rate(
  'ticket claims JSON.parse, no checks (peer)',
  codecRounds,
  performance.now() - start,
);

const ticketBytes = coldTickets[0]!.length;
const ticketBytesTypical = (await signTicket(buildTestTicketClaims(keys.keyA), keys.issuer)).length;
const jsonBytes = new TextEncoder().encode(json).length;
// A realistic worst case for revocation: 50 keys blocked in the last few days, one per version.
const recentBlocks = Array.from({ length: 50 }, (_, i) => ({
  keyId: new Uint8Array(16).fill(i + 1),
  version: 1000 - i,
}));
const withBlocks = async (firstLock: number) => {
  const base = buildTestTicketClaims(keys.keyA, {
    locks: Array.from({ length: 300 }, (_, i) => ({ lock: firstLock + i * 7 })),
  });
  const delta = fitTicketBlockList(base, 1000, recentBlocks);
  return {
    bytes: (await signTicket({ ...base, ...delta }, keys.issuer)).length,
    carried: delta.blockedKeys.length,
  };
};
const blocks4 = await withBlocks(0x10000000);
const blocks2 = await withBlocks(1);
console.log(
  `\nsizes: signed ticket, 300 locks ${ticketBytes} B (JSON claims alone ${jsonBytes} B); 3 locks ${ticketBytesTypical} B`,
);
console.log(
  `with 50 recent blocks: 300 locks, 4-byte numbers ${blocks4.bytes} B carrying ${blocks4.carried}; numbers < 65,536 ${blocks2.bytes} B carrying ${blocks2.carried}`,
);
console.log(
  `signature verifications per opening: cold ${coldVerifies.toFixed(2)}, cached ${cachedVerifies.toFixed(2)}`,
);
console.log('ratios:');
console.log(`  cached vs cold openings           ${(openingsCached / openingsCold).toFixed(2)}x`);
console.log(`  cold openings vs raw verify / 2   ${(openingsCold / (rawVerify / 2)).toFixed(2)}x`);
console.log(`  cached openings vs raw verify     ${(openingsCached / rawVerify).toFixed(2)}x`);
console.log(`  CBOR encode vs JSON.stringify     ${(encodeRate / jsonEncodeRate).toFixed(2)}x`);
console.log(`  CBOR strict decode vs JSON.parse  ${(decodeRate / jsonDecodeRate).toFixed(2)}x`);
console.log(`  CBOR ticket size vs JSON claims   ${(ticketBytes / jsonBytes).toFixed(2)}x`);
console.log(
  JSON.stringify({
    bench: 'protocol',
    openings_per_s_cold: Math.round(openingsCold),
    openings_per_s_cached: Math.round(openingsCached),
    ticket_bytes_300_locks: ticketBytes,
    ticket_bytes_300_locks_50_blocks: blocks4.bytes,
    verifications_per_opening_cold: Number(coldVerifies.toFixed(2)),
    verifications_per_opening_cached: Number(cachedVerifies.toFixed(2)),
  }),
);
