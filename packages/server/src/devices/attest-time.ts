import { decodeChallenge, isProtocolError, signTimeAttestation } from '@portvakt/protocol';
import { findLocksByNumber, type Queryable } from '@portvakt/storage';
import { DeviceRefusal, issuerName } from './credentials';
import type { IssuerKeyStore } from './issuer-keys';

/**
 * A signed statement of the issuer's time for one lock challenge (corrects a lock clock set
 * wrong). Public: it only states the true time, bound to the lock's fresh challenge so it cannot
 * be replayed at another lock or later.
 */
export async function attestTime(options: {
  db: Queryable;
  issuerKeys: IssuerKeyStore;
  input: { challenge: Uint8Array };
  /** The issuer's clock (`readClock`): the time attested. */
  now: Date;
}): Promise<Uint8Array> {
  let challenge: ReturnType<typeof decodeChallenge>;
  try {
    challenge = decodeChallenge(options.input.challenge);
  } catch (error) {
    if (isProtocolError(error)) throw new DeviceRefusal('malformed', error.message, 400);
    throw error;
  }
  const locks = await findLocksByNumber(options.db, challenge.lock);
  // Lock numbers are per municipality; answer only when the number names exactly one lock.
  if (locks.length !== 1) throw new DeviceRefusal('wrong-lock', 'Unknown lock number.', 400);
  const lock = locks[0]!;
  return signTimeAttestation(
    {
      issuer: issuerName(lock.code),
      lock: challenge.lock,
      nonce: challenge.nonce,
      time: Math.floor(options.now.getTime() / 1000),
    },
    await options.issuerKeys.getActive(lock.municipalityId),
  );
}
