// The district's simulated devices (packages/devices): a lock per entrance and apartment door, a
// hardware key or phone per staff member, an activation box and sync station per team premises,
// all enrolled with the issuer and running on the simulation clock.
import type { WorldClock } from '@portvakt/devices';
import { ActivationBox, HardwareKey, Lock, Phone, SyncStation } from '@portvakt/devices';
import { bytesToHex, generateSigningKeyPair } from '@portvakt/protocol';
import type { District, HolderKind, StaffMember } from './district';
import type { DistrictIssuer } from './district-issuer';
import type { SeededRandom } from './random';

export interface HeldDevice {
  kind: HolderKind;
  holder: HardwareKey | Phone;
  keyId: string;
}

export interface DistrictDevices {
  /** By the district's lock number. */
  locks: Map<number, Lock>;
  /** The district's lock number of each lock (the issuer's lock number may differ). */
  lockNumbers: Map<Lock, number>;
  /** The district's lock number for the issuer's lock number a ticket carries. */
  districtLockNumber: Map<number, number>;
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
  const lockNumbers = new Map<Lock, number>();
  const districtLockNumber = new Map<number, number>();
  for (const spec of district.locks) {
    const keyPair = await generateSigningKeyPair();
    const enrolled = await issuer.enrolLock({
      deviceId: random.bytes16(),
      publicKey: keyPair.publicKey,
      lockNumber: spec.number,
    });
    const lock = new Lock({
      deviceId: enrolled.deviceId,
      lockNumber: enrolled.lockNumber,
      issuer: enrolled.issuer,
      issuerKeys: anchors.keys,
      ...(anchors.keySet ? { issuerKeySet: anchors.keySet } : {}),
      keyPair,
      world,
    });
    lock.battery.setPercent(spec.batteryPercent);
    locks.set(spec.number, lock);
    lockNumbers.set(lock, spec.number);
    districtLockNumber.set(enrolled.lockNumber, spec.number);
  }
  const boxes: ActivationBox[] = [];
  const stations: SyncStation[] = [];
  for (const team of district.teams) {
    const box = await issuer.enrolStation({ deviceId: random.bytes16(), kind: 'box', team: team.id });
    boxes.push(new ActivationBox(box.deviceId, box.gateway));
    const station = await issuer.enrolStation({ deviceId: random.bytes16(), kind: 'station', team: team.id });
    stations.push(new SyncStation(station.deviceId, station.gateway));
  }
  const held: HeldDevice[] = [];
  for (let s = 0; s < district.staff.length; s++) held.push(await createHeldDevice(options, s));
  return { locks, lockNumbers, districtLockNumber, boxes, stations, held };
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
  const enrolled = await issuer.enrolHolder({
    deviceId: random.bytes16(),
    publicKey: keyPair.publicKey,
    kind: team.holderKind,
    staff: member.id,
    locks: team.locks,
    ...(team.holderKind === 'key'
      ? { pin: member.pin }
      : { account: { username: member.username, password: member.password } }),
  });
  const deviceId = enrolled.deviceId;
  const base = { deviceId, keyPair, world, issuerKeys: issuer.trustAnchors().keys };
  let holder: HardwareKey | Phone;
  if (team.holderKind === 'key') {
    const key = new HardwareKey({ ...base, pinIterations: options.pinIterations });
    await key.setPin(member.pin);
    holder = key;
  } else {
    const self: { phone?: Phone } = {};
    self.phone = new Phone({ ...base, gateway: issuer.phoneGateway(() => self.phone!) });
    holder = self.phone;
  }
  await enrolled.finish?.(holder);
  return { kind: team.holderKind, holder, keyId: bytesToHex(deviceId) };
}

/**
 * Starts a shift on a staff member's device: a hardware key is activated at the team's box with
 * its PIN (fresh ticket and list online; the ticket held when the issuer is unreachable), a phone
 * logs in. Keys and phones are charged between shifts.
 */
export async function startHolderShift(
  held: HeldDevice,
  box: ActivationBox,
  member: StaffMember,
): Promise<{ mode: 'online' | 'offline' | 'refused'; reason?: string }> {
  held.holder.battery.replace();
  if (held.holder instanceof HardwareKey) {
    const outcome = await box.activate(held.holder, member.pin);
    return outcome.isActivated ? { mode: outcome.mode } : { mode: 'refused', reason: outcome.reason };
  }
  const outcome = await held.holder.login(member.username, member.password);
  return outcome.isLoggedIn ? { mode: 'online' } : { mode: 'refused', reason: outcome.reason };
}

/**
 * Ends a shift: a key is docked at the sync station (records up, fresh ticket in, R1.7), a phone
 * uploads and logs out. Returns the records the issuer stored.
 */
export async function endHolderShift(held: HeldDevice, station: SyncStation): Promise<number> {
  if (held.holder instanceof HardwareKey) return (await station.sync(held.holder)).receipt?.stored ?? 0;
  const stored = (await held.holder.uploadRecords())?.stored ?? 0;
  held.holder.logout();
  return stored;
}
