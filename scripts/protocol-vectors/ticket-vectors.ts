// Ticket vectors: the typical ticket and its refusals, block-list delta claims, and the COSE
// envelope and CBOR strictness rules shown on the typical ticket and the challenge.
import {
  concatBytes,
  contentTypes,
  decodeCanonical,
  encodeCanonical,
  encodeChallenge,
  encodeTicketClaims,
  hexToBytes,
  toHighS,
  signEs256,
  signTicket,
} from '@portvakt/protocol';
import { buildTestTicketClaims, testLockNumber, testTime } from '@portvakt/protocol/testing';
import type { TicketClaims } from '@portvakt/protocol';
import { encodeChallengeFields, type VectorContext } from './vector-context';

/** The typical ticket, a large one, and tickets refused for signature, size, fields or order. */
export async function addTicketVectors(context: VectorContext) {
  const { add, signRaw, forger, keys } = context;
  const { issuer, rogueIssuer, keyA } = keys;
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
    add(
      'ticket',
      'correctly signed, protected header keys out of canonical order',
      await signUnderHeader(issuer, protectedBytes, encodeTicketClaims(claims)),
      'non-canonical',
    );
  }
  return { claims, ticket };
}

/** Tickets carrying the block-list entries added since an earlier version (R5.3). */
export async function addTicketBlockListVectors(context: VectorContext, claims: TicketClaims) {
  const { add, signRaw, keys } = context;
  const { issuer, keyA, keyB } = keys;
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
        blockedKeys: Array.from({ length: 65 }, (_, i) =>
          concatBytes(new Uint8Array(15), new Uint8Array([i])),
        ),
      }),
    ),
    'oversize',
  );
}

/** COSE_Sign1 envelope rules (low-S, no tag, empty unprotected header, ES256 only) and CBOR strictness. */
export async function addEnvelopeVectors(context: VectorContext, ticket: Uint8Array) {
  const { add, map, nonce, keys } = context;
  const { issuer } = keys;
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
    add(
      'ticket',
      'correctly signed, protected header naming ES384 (-35)',
      await signUnderHeader(issuer, es384Header, payload),
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
    encodeChallengeFields(context, [[5, 0]]),
    'out-of-range',
  );
}

/** A COSE_Sign1 of `payload` under `protectedBytes` as given (not re-encoded), signed by `signer`. */
async function signUnderHeader(
  signer: { privateKey: CryptoKey },
  protectedBytes: Uint8Array,
  payload: Uint8Array,
): Promise<Uint8Array> {
  const signature = await signEs256(
    signer.privateKey,
    encodeCanonical(['Signature1', protectedBytes, new Uint8Array(0), payload]),
  );
  return encodeCanonical([protectedBytes, new Map(), payload, signature]);
}
