// What the simulation needs from the municipality's side: the device gateway (IssuerGateway, the
// same seam boxes and phones use) plus the administration a work lead does in the console:
// enrolling devices with their permissions and blocking a lost key. The in-process issuer serves
// the bench and tests; a server-backed one can implement the same interface.
import type { HardwareKey, IssuerGateway, Phone } from '@portvakt/devices';
import { InProcessIssuer } from '@portvakt/devices';
import type { KeyRing } from '@portvakt/protocol';
import type { WorldClock } from '@portvakt/devices';

/** A lock as the issuer enrolled it: the device id and lock number its tickets name. */
export interface EnrolledLock {
  deviceId: Uint8Array;
  lockNumber: number;
  /** The issuer name the lock checks tickets against. */
  issuer: string;
}

/** A key or phone as the issuer enrolled it; `finish` completes it once the device exists (a PIN set at a box). */
export interface EnrolledHolder {
  deviceId: Uint8Array;
  finish?: (holder: HardwareKey | Phone) => Promise<void>;
}

/** An activation box or sync station: its id and the gateway it talks to the issuer through. */
export interface EnrolledStation {
  deviceId: Uint8Array;
  gateway: IssuerGateway;
}

export interface DistrictIssuer {
  readonly municipality: string;
  readonly gateway: IssuerGateway;
  /** Issuer key ring (and signed key set, when the issuer hands one to new devices). */
  trustAnchors(): { keys: KeyRing; keySet?: Uint8Array };
  /**
   * Enrols a lock. `deviceId` and `lockNumber` are the district's proposal; an issuer with a
   * registry of its own (the server) answers with the id and number it holds for that lock.
   */
  enrolLock(input: { deviceId: Uint8Array; publicKey: CryptoKey; lockNumber: number }): Promise<EnrolledLock>;
  /** Enrols a key or phone for a staff member; `deviceId` is a proposal as for locks. */
  enrolHolder(input: {
    deviceId: Uint8Array;
    publicKey: CryptoKey;
    kind: 'key' | 'phone';
    staff: string;
    pin?: string;
    account?: { username: string; password: string };
    locks: number[];
  }): Promise<EnrolledHolder>;
  /** Enrols a team's activation box or sync station (`deviceId` proposed). */
  enrolStation(input: {
    deviceId: Uint8Array;
    kind: 'box' | 'station';
    team: string;
  }): Promise<EnrolledStation>;
  /**
   * The gateway a phone uses: over HTTP each phone signs its own uploads, so it needs one bound
   * to it; the in-process issuer's is shared.
   */
  phoneGateway(phone: () => Phone): IssuerGateway;
  /** Blocks a key or phone for good; returns the block-list version that carries the block. */
  blockKey(deviceId: Uint8Array): Promise<number>;
}

export interface InProcessDistrictIssuerOptions {
  municipality: string;
  world: WorldClock;
  /** Offline validity of hardware-key tickets; the server's default is 120 h. */
  ticketValiditySeconds?: number;
  shiftSeconds?: number;
  /** PBKDF2 iterations for PINs; the simulation uses few, since it enrols hundreds of keys. */
  pinIterations?: number;
}

export const defaultTicketValiditySeconds = 120 * 3600;
export const defaultShiftSeconds = 12 * 3600;

/** A district issuer over the in-process issuer of packages/devices. */
export async function createInProcessDistrictIssuer(
  options: InProcessDistrictIssuerOptions,
): Promise<DistrictIssuer & { readonly issuer: InProcessIssuer }> {
  const issuer = await InProcessIssuer.create({
    municipality: options.municipality,
    world: options.world,
    ticketValiditySeconds: options.ticketValiditySeconds ?? defaultTicketValiditySeconds,
    shiftSeconds: options.shiftSeconds ?? defaultShiftSeconds,
    pinIterations: options.pinIterations ?? 1000,
  });
  return {
    issuer,
    municipality: options.municipality,
    gateway: issuer,
    trustAnchors: () => ({ keys: issuer.issuerKeys, keySet: issuer.currentIssuerKeySet }),
    enrolLock: async ({ deviceId, publicKey, lockNumber }) => {
      await issuer.enrolDevice({ deviceId, kind: 'lock', publicKey, lock: lockNumber });
      return { deviceId, lockNumber, issuer: options.municipality };
    },
    enrolHolder: async (input) => {
      await issuer.enrolDevice({
        deviceId: input.deviceId,
        kind: input.kind,
        publicKey: input.publicKey,
        staff: input.staff,
        ...(input.pin ? { pin: input.pin } : {}),
        ...(input.account ? { account: input.account } : {}),
      });
      issuer.setGrants(
        input.deviceId,
        input.locks.map((lock) => ({ lock })),
      );
      return { deviceId: input.deviceId };
    },
    enrolStation: async ({ deviceId }) => ({ deviceId, gateway: issuer }),
    phoneGateway: () => issuer,
    blockKey: (deviceId) => issuer.block(deviceId),
  };
}
