// A small site for tests: one municipality issuer, the fixed test lock, two hardware keys (A with
// PIN 1234, B with PIN 5678), an activation box and a sync station, all on a manual world clock.
import type { TestSigner } from '@portvakt/protocol/testing';
import { loadTestKeys, testDeviceIds, testLockNumber, testTime } from '@portvakt/protocol/testing';
import { generateSigningKeyPair, uuidToBytes } from '@portvakt/protocol';
import { ActivationBox } from './activation-box.device';
import { ManualWorldClock } from './clock';
import { HardwareKey } from './hardware-key.device';
import { InProcessIssuer } from './in-process-issuer';
import type { LockConfig } from './lock.device';
import { Lock } from './lock.device';
import { SyncStation } from './sync-station.device';

export const testMunicipality = 'se-0180';

function pairOf(signer: TestSigner): CryptoKeyPair {
  return { privateKey: signer.privateKey, publicKey: signer.publicKey };
}

export interface TestSite {
  world: ManualWorldClock;
  signers: Awaited<ReturnType<typeof loadTestKeys>>;
  issuer: InProcessIssuer;
  lock: Lock;
  keyA: HardwareKey;
  keyB: HardwareKey;
  box: ActivationBox;
  station: SyncStation;
  /** Creates and enrols another lock with a fresh key pair. */
  addLock: (lockNumber: number, config?: Partial<LockConfig>) => Promise<Lock>;
}

/** Builds the test site; both keys may open the test lock and are enrolled with their PINs. */
export async function createTestSite(lockConfig: Partial<LockConfig> = {}): Promise<TestSite> {
  const world = new ManualWorldClock(testTime);
  const signers = await loadTestKeys();
  const issuer = await InProcessIssuer.create({
    municipality: testMunicipality,
    world,
    signer: signers.issuer,
  });
  const addLock = async (lockNumber: number, config: Partial<LockConfig> = {}): Promise<Lock> => {
    const keyPair = config.keyPair ?? (await generateSigningKeyPair());
    const deviceId =
      config.deviceId ?? uuidToBytes(`2d000000-0000-4000-8000-${lockNumber.toString(16).padStart(12, '0')}`);
    await issuer.enrolDevice({ deviceId, kind: 'lock', publicKey: keyPair.publicKey, lock: lockNumber });
    return new Lock({
      deviceId,
      lockNumber,
      issuer: testMunicipality,
      issuerKeys: issuer.issuerKeys,
      issuerKeySet: issuer.currentIssuerKeySet,
      world,
      ...config,
      keyPair,
    });
  };
  const lock = await addLock(testLockNumber, {
    deviceId: testDeviceIds.lock,
    keyPair: pairOf(signers.lock),
    ...lockConfig,
  });
  const issuerKeys = issuer.issuerKeys;
  const keyA = new HardwareKey({
    deviceId: testDeviceIds.keyA,
    keyPair: pairOf(signers.keyA),
    world,
    issuerKeys,
  });
  const keyB = new HardwareKey({
    deviceId: testDeviceIds.keyB,
    keyPair: pairOf(signers.keyB),
    world,
    issuerKeys,
  });
  await keyA.setPin('1234');
  await keyB.setPin('5678');
  for (const [key, signer, pin, staff] of [
    [keyA, signers.keyA, '1234', 'p-staff-a'],
    [keyB, signers.keyB, '5678', 'p-staff-b'],
  ] as const) {
    await issuer.enrolDevice({
      deviceId: key.deviceId,
      kind: 'key',
      publicKey: signer.publicKey,
      staff,
      pin,
    });
    issuer.setGrants(key.deviceId, [{ lock: testLockNumber }]);
  }
  const box = new ActivationBox(uuidToBytes('3e000000-0000-4000-8000-000000000001'), issuer);
  const station = new SyncStation(uuidToBytes('3e000000-0000-4000-8000-000000000002'), issuer);
  return { world, signers, issuer, lock, keyA, keyB, box, station, addLock };
}
