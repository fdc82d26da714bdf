// The signed, versioned block list. It is always complete (not a delta): a device holding version
// v knows every key blocked as of v, so "newer version wins" is the only merge rule needed.
import { decodeFieldMap, encodeFieldMap, maxTime, maxUint32 } from './cbor';
import type { CoseSign1 } from './cose';
import { contentTypes } from './cose';
import type { KeyRing } from './crypto';
import type { IssuerMessageFormat, IssuerSigningKey } from './issuer-message';
import { parseIssuerMessage, signIssuerMessage, verifyIssuerMessage } from './issuer-message';
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

const blockListFormat: IssuerMessageFormat<BlockList> = {
  what: 'block-list',
  contentType: contentTypes.blockList,
  maxBytes: maxBlockListBytes,
  encodePayload: (list) =>
    encodeFieldMap([
      [1, list.issuer],
      [2, list.version],
      [3, list.issuedAt],
      [4, list.blockedKeys],
    ]),
  decodePayload(payload) {
    const what = 'block-list';
    const fields = decodeFieldMap(payload, maxBlockListBytes, what, [1, 2, 3, 4]);
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
  },
};

/** Signs a block list with the issuer key; entries must be sorted (use sortKeyIds). */
export async function signBlockList(list: BlockList, issuer: IssuerSigningKey): Promise<Uint8Array> {
  return signIssuerMessage(blockListFormat, list, issuer);
}

/** Parses a signed block list without verifying it. */
export function parseBlockList(bytes: Uint8Array): { sign1: CoseSign1; list: BlockList } {
  const { sign1, value } = parseIssuerMessage(blockListFormat, bytes);
  return { sign1, list: value };
}

/** Parses and verifies a signed block list against the issuer keys. */
export async function verifyBlockList(bytes: Uint8Array, issuerKeys: KeyRing): Promise<BlockList> {
  return verifyIssuerMessage(blockListFormat, bytes, issuerKeys);
}
