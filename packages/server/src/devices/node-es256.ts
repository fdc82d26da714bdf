import { KeyObject, sign, verify } from 'node:crypto';
import type { Es256Engine } from '@portvakt/protocol';

const keyObjects = new WeakMap<CryptoKey, KeyObject>();

function keyObjectOf(key: CryptoKey): KeyObject {
  let found = keyObjects.get(key);
  if (!found) {
    found = KeyObject.from(key);
    keyObjects.set(key, found);
  }
  return found;
}

/**
 * ES256 with Node's synchronous crypto, on the server's own thread. The same keys and the same
 * signatures as WebCrypto, without its hand-off to a thread pool and back for every operation,
 * which under a shift-start rush cost an activation more than its three signature operations
 * (docs/device-gateway.md "Connections"). Installed by the server for its whole process.
 */
export const nodeEs256: Es256Engine = {
  sign: (privateKey, data) =>
    new Uint8Array(sign('sha256', data, { key: keyObjectOf(privateKey), dsaEncoding: 'ieee-p1363' })),
  verify: (publicKey, signature, data) => {
    try {
      return verify('sha256', data, { key: keyObjectOf(publicKey), dsaEncoding: 'ieee-p1363' }, signature);
    } catch {
      // A signature that is not a valid pair of scalars is a wrong signature, as in WebCrypto.
      return false;
    }
  },
};
