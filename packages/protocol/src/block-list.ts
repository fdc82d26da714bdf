// The signed, versioned block list. It is always complete (not a delta): a device holding version
// v knows every key blocked as of v, so "newer version wins" is the only merge rule needed.
import { maxTime, maxUint32 } from './cbor';
import { contentTypes } from './cose';
import { createFieldMapMessage } from './issuer-message';
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

const blockListMessage = createFieldMapMessage<BlockList, 'list'>({
  what: 'block-list',
  parsedAs: 'list',
  contentType: contentTypes.blockList,
  maxBytes: maxBlockListBytes,
  fieldKeys: { version: 2, issuedAt: 3, blockedKeys: 4 },
  readFields: (fields, what) => ({
    version: fields.int(2, 'version', 0, maxUint32),
    issuedAt: fields.int(3, 'issued-at', 0, maxTime),
    blockedKeys: checkKeyIdList(
      fields.array(4, 'entries', maxBlockListEntries),
      `${what}.entries`,
      maxBlockListEntries,
    ),
  }),
});

/** Signs a block list with the issuer key; entries must be sorted (use sortKeyIds). */
export const signBlockList = blockListMessage.sign;

/** Parses a signed block list without verifying it. */
export const parseBlockList = blockListMessage.parse;

/** Parses and verifies a signed block list against the issuer keys. */
export const verifyBlockList = blockListMessage.verify;
