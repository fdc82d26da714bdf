import { decodeChallenge, signTimeAttestation } from '@portvakt/protocol';
import { findMunicipalityLockByNumber, type EnrolmentRecord, type Queryable } from '@portvakt/storage';
import { decodeDeviceBytes, DeviceRefusal, issuerName } from './credentials';
import type { IssuerKeyStore } from './issuer-keys';

/**
 * A signed statement of the issuer's time for one lock challenge (corrects a lock clock set
 * wrong), for an enrolled device that asks. The lock is looked up by its number within the
 * asking device's municipality only: lock numbers are unique per municipality, so two
 * municipalities may both have lock 1, and each device is answered for its own municipality's
 * lock, signed by that municipality's issuer key. A number the device's municipality does not
 * have is refused the same way whether or not another municipality has it, so a device learns
 * nothing about other municipalities' locks. The statement is bound to the lock's fresh
 * challenge, so it cannot be replayed at another lock or later.
 */
export async function attestTime(options: {
  db: Queryable;
  issuerKeys: IssuerKeyStore;
  /** The enrolled device that asked (authenticated by its signature). */
  actor: Pick<EnrolmentRecord, 'municipalityId'>;
  input: { challenge: Uint8Array };
  /** The issuer's clock (`readClock`): the time attested. */
  now: Date;
}): Promise<Uint8Array> {
  const challenge = decodeDeviceBytes(() => decodeChallenge(options.input.challenge));
  const { municipalityId } = options.actor;
  const lock = await findMunicipalityLockByNumber(options.db, municipalityId, challenge.lock);
  if (!lock) throw new DeviceRefusal('wrong-lock', 'Unknown lock number.', 400);
  return signTimeAttestation(
    {
      issuer: issuerName(lock.code),
      lock: challenge.lock,
      nonce: challenge.nonce,
      time: Math.floor(options.now.getTime() / 1000),
    },
    await options.issuerKeys.getActive(municipalityId),
  );
}
