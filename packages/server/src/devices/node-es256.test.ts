import { generateSigningKeyPair, webCryptoEs256 } from '@portvakt/protocol';
import { describe, expect, it } from 'vitest';
import { nodeEs256 } from './node-es256';

const data = new TextEncoder().encode('portvakt ticket payload');

describe('the server’s ES256 engine', () => {
  it('makes signatures WebCrypto accepts and accepts WebCrypto’s, for the same keys', async () => {
    const pair = await generateSigningKeyPair(true);
    const fromNode = await nodeEs256.sign(pair.privateKey, data);
    const fromWeb = await webCryptoEs256.sign(pair.privateKey, data);
    expect(fromNode).toHaveLength(64);
    expect(await webCryptoEs256.verify(pair.publicKey, fromNode, data)).toBe(true);
    expect(await nodeEs256.verify(pair.publicKey, fromWeb, data)).toBe(true);
  });

  it('refuses a changed message, another key’s signature and a signature that is no pair of scalars', async () => {
    const pair = await generateSigningKeyPair(true);
    const other = await generateSigningKeyPair(true);
    const signature = await nodeEs256.sign(pair.privateKey, data);
    const changed = data.slice();
    changed[0]! ^= 1;
    expect(await nodeEs256.verify(pair.publicKey, signature, changed)).toBe(false);
    expect(await nodeEs256.verify(other.publicKey, signature, data)).toBe(false);
    expect(await nodeEs256.verify(pair.publicKey, new Uint8Array(64), data)).toBe(false);
    expect(await nodeEs256.verify(pair.publicKey, new Uint8Array(64).fill(0xff), data)).toBe(false);
  });
});
