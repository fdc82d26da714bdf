// The signed, versioned block list. It is always complete (not a delta): a device holding version
// v knows every key blocked as of v, so "newer version wins" is the only merge rule needed.
import { decodeCanonical, encodeCanonical, FieldReader, maxTime, maxUint32 } from './cbor';
import type { CoseSign1 } from './cose';
import { contentTypes, decodeCoseSign1, signCoseSign1, verifyCoseSign1 } from './cose';
import type { KeyRing } from './crypto';
import type { IssuerSigningKey } from './ticket';
import { checkKeyIdList } from './ticket';

export const maxBlockListEntries = 1024;
export const maxBlockListBytes = 24 * 1024;

export interface BlockList {
  issuer: string;
  version: number;
  issuedAt: number;
  /** 16-byte key ids, strictly ascending. */
  blockedKeys: Uint8Array[];
}

function encodeBlockListPayload(list: BlockList): Uint8Array {
  return encodeCanonical(
    new Map<number, unknown>([
      [1, list.issuer],
      [2, list.version],
      [3, list.issuedAt],
      [4, list.blockedKeys],
    ]),
  );
}

function decodeBlockListPayload(payload: Uint8Array): BlockList {
  const what = 'block-list';
  const fields = new FieldReader(decodeCanonical(payload, maxBlockListBytes, what), what, [1, 2, 3, 4]);
  return {
    issuer: fields.text(1, 'issuer', 64),
    version: fields.int(2, 'version', 0, maxUint32),
    issuedAt: fields.int(3, 'issued-at', 0, maxTime),
    blockedKeys: checkKeyIdList(
      fields.array(4, 'entries', maxBlockListEntries),
      `${what}.entries`,
      maxBlockListEntries,
    ),
  };
}

/** Signs a block list with the issuer key; entries must be sorted (use sortKeyIds). */
export async function signBlockList(list: BlockList, issuer: IssuerSigningKey): Promise<Uint8Array> {
  const payload = encodeBlockListPayload(list);
  decodeBlockListPayload(payload);
  return signCoseSign1({ ...issuer, contentType: contentTypes.blockList, payload });
}

/** Parses a signed block list without verifying it. */
export function parseBlockList(bytes: Uint8Array): { sign1: CoseSign1; list: BlockList } {
  const sign1 = decodeCoseSign1(bytes, contentTypes.blockList, maxBlockListBytes, 'block-list');
  return { sign1, list: decodeBlockListPayload(sign1.payload) };
}

/** Parses and verifies a signed block list against the issuer keys. */
export async function verifyBlockList(bytes: Uint8Array, issuerKeys: KeyRing): Promise<BlockList> {
  const { sign1, list } = parseBlockList(bytes);
  await verifyCoseSign1(sign1, issuerKeys, 'block-list');
  return list;
}
