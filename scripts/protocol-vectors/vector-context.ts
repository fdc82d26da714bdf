// What every group of vectors is built with: the fixed test keys, a forger, one nonce, and `add`,
// which keeps a vector's published bytes (ECDSA signatures are randomised, so a run would otherwise
// rewrite every vector's hex with the same meaning).
import type { ContentType, ProtocolVector } from '@portvakt/protocol';
import { bytesToHex, encodeCanonical, hexToBytes, signCoseSign1 } from '@portvakt/protocol';
import type { TestSigner } from '@portvakt/protocol/testing';
import { loadTestKeys, testLockNumber, testTime } from '@portvakt/protocol/testing';

export interface VectorContext {
  keys: Awaited<ReturnType<typeof loadTestKeys>>;
  /** Another key claiming the issuer's kid. */
  forger: TestSigner;
  nonce: Uint8Array;
  /** The vectors in the order they were added, which is the order they are published in. */
  vectors: ProtocolVector[];
  add: (
    message: ProtocolVector['message'],
    name: string,
    bytes: Uint8Array,
    reason?: ProtocolVector['reason'],
  ) => void;
  map: (entries: [number, unknown][]) => Map<number, unknown>;
  /** Signs `payload` bypassing the builders' own checks, to produce validly signed bad content. */
  signRaw: (signer: TestSigner, contentType: ContentType, payload: Uint8Array) => Promise<Uint8Array>;
}

export async function createVectorContext(
  publishedBefore: readonly ProtocolVector[],
): Promise<VectorContext> {
  const keys = await loadTestKeys();
  const publishedHex = new Map(publishedBefore.map((v) => [`${v.message}\n${v.name}`, v.hex]));
  const vectors: ProtocolVector[] = [];
  return {
    keys,
    forger: { ...keys.rogueIssuer, kid: keys.issuer.kid },
    nonce: hexToBytes('00112233445566778899aabbccddeeff'),
    vectors,
    add: (message, name, bytes, reason) => {
      vectors.push({
        name,
        message,
        hex: publishedHex.get(`${message}\n${name}`) ?? bytesToHex(bytes),
        expect: reason ? 'reject' : 'accept',
        ...(reason ? { reason } : {}),
      });
    },
    map: (entries) => new Map<number, unknown>(entries),
    signRaw: (signer, contentType, payload) =>
      signCoseSign1({ privateKey: signer.privateKey, kid: signer.kid, contentType, payload }),
  };
}

/**
 * The typical challenge's fields (lock 4711, the context's nonce, the test time, block list 7)
 * encoded with `changes` set over them: for challenges a builder would refuse to make.
 */
export function encodeChallengeFields(context: VectorContext, changes: [number, unknown][]): Uint8Array {
  return encodeCanonical(
    context.map([[1, testLockNumber], [2, context.nonce], [3, testTime], [4, 7], ...changes]),
  );
}
