// What passes between a key and a lock at the door: the block list, the challenge, the key's
// response and the presentation of ticket and response.
import {
  contentTypes,
  encodeCanonical,
  encodeChallenge,
  encodePresentation,
  hexToBytes,
  signBlockList,
  signKeyResponse,
} from '@portvakt/protocol';
import { testLockNumber, testTime } from '@portvakt/protocol/testing';
import { encodeChallengeFields, type VectorContext } from './vector-context';

/** The block list, the challenge, the key response and the presentation. */
export async function addLockExchangeVectors(context: VectorContext, ticket: Uint8Array) {
  const { add, map, signRaw, nonce, forger, keys } = context;
  const { issuer, keyA, keyB } = keys;
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
  add('challenge', 'extra field 6', encodeChallengeFields(context, [[6, 0]]), 'unknown-field');
  add('challenge', 'nonce as text', encodeChallengeFields(context, [[2, 'nonce']]), 'wrong-type');
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
}
