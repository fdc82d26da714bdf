// What the simulation needs from the municipality's side: the device gateway (IssuerGateway, the
// same seam boxes and phones use) plus the administration a work lead does in the console:
// enrolling devices with their permissions and blocking a lost key. The in-process issuer serves
// the bench and tests; a server-backed one can implement the same interface.
import type { IssuerGateway } from '@portvakt/devices';
import { InProcessIssuer } from '@portvakt/devices';
import type { KeyRing } from '@portvakt/protocol';
import type { WorldClock } from '@portvakt/devices';

export interface DistrictIssuer {
  readonly municipality: string;
  readonly gateway: IssuerGateway;
  /** Issuer key ring and signed key set that devices are enrolled with. */
  trustAnchors(): { keys: KeyRing; keySet: Uint8Array };
  enrolLock(input: { deviceId: Uint8Array; publicKey: CryptoKey; lockNumber: number }): Promise<void>;
  enrolHolder(input: {
    deviceId: Uint8Array;
    publicKey: CryptoKey;
    kind: 'key' | 'phone';
    staff: string;
    pin?: string;
    account?: { username: string; password: string };
    locks: number[];
  }): Promise<void>;
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
    },
    blockKey: (deviceId) => issuer.block(deviceId),
  };
}
