// The district's simulated devices (packages/devices): a lock per entrance and apartment door, a
// hardware key or phone per staff member, an activation box and sync station per team premises,
// all enrolled with the issuer and running on the simulation clock.
import type { CredentialHolder, WorldClock } from '@portvakt/devices';
import { ActivationBox, HardwareKey, Lock, Phone, SyncStation } from '@portvakt/devices';
import { bytesToHex, generateSigningKeyPair } from '@portvakt/protocol';
import type { District, HolderKind } from './district';
import type { DistrictIssuer } from './district-issuer';
import type { SeededRandom } from './random';

export interface HeldDevice {
  kind: HolderKind;
  holder: HardwareKey | Phone;
  keyId: string;
}

export interface DistrictDevices {
  locks: Map<number, Lock>;
  boxes: ActivationBox[];
  stations: SyncStation[];
  /** The device each staff member carries now (replaced when one is lost). */
  held: HeldDevice[];
}

export interface DeviceFactoryOptions {
  district: District;
  issuer: DistrictIssuer;
  world: WorldClock;
  /** Source of device ids, so they repeat with the seed. */
  random: SeededRandom;
  pinIterations: number;
}

export async function createDistrictDevices(options: DeviceFactoryOptions): Promise<DistrictDevices> {
  const { district, issuer, world, random } = options;
  const anchors = issuer.trustAnchors();
  const locks = new Map<number, Lock>();
  for (const spec of district.locks) {
    const keyPair = await generateSigningKeyPair();
    const deviceId = random.bytes16();
    await issuer.enrolLock({ deviceId, publicKey: keyPair.publicKey, lockNumber: spec.number });
    const lock = new Lock({
      deviceId,
      lockNumber: spec.number,
      issuer: issuer.municipality,
      issuerKeys: anchors.keys,
      issuerKeySet: anchors.keySet,
      keyPair,
      world,
    });
    lock.battery.setPercent(spec.batteryPercent);
    locks.set(spec.number, lock);
  }
  const boxes = district.teams.map(() => new ActivationBox(random.bytes16(), issuer.gateway));
  const stations = district.teams.map(() => new SyncStation(random.bytes16(), issuer.gateway));
  const held: HeldDevice[] = [];
  for (let s = 0; s < district.staff.length; s++) held.push(await createHeldDevice(options, s));
  return { locks, boxes, stations, held };
}

/** Makes and enrols a new key or phone for a staff member (at the start, or after a loss). */
export async function createHeldDevice(
  options: DeviceFactoryOptions,
  staffIndex: number,
): Promise<HeldDevice> {
  const { district, issuer, world, random } = options;
  const member = district.staff[staffIndex]!;
  const team = district.teams[member.team]!;
  const keyPair = await generateSigningKeyPair();
  const deviceId = random.bytes16();
  const base = { deviceId, keyPair, world, issuerKeys: issuer.trustAnchors().keys };
  let holder: HardwareKey | Phone;
  if (team.holderKind === 'key') {
    const key = new HardwareKey({ ...base, pinIterations: options.pinIterations });
    await key.setPin(member.pin);
    holder = key;
  } else {
    holder = new Phone({ ...base, gateway: issuer.gateway });
  }
  await issuer.enrolHolder({
    deviceId,
    publicKey: keyPair.publicKey,
    kind: team.holderKind,
    staff: member.id,
    locks: team.locks,
    ...(team.holderKind === 'key'
      ? { pin: member.pin }
      : { account: { username: member.username, password: member.password } }),
  });
  return { kind: team.holderKind, holder, keyId: bytesToHex(deviceId) };
}

export function isPhone(holder: CredentialHolder): holder is Phone {
  return holder instanceof Phone;
}
