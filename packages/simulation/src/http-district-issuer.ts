// A district issuer backed by a running Portvakt server: devices reach it through the real device
// gateway (HttpIssuerGateway), and the work lead's part goes through the same administration API
// the console uses (POST /api/v1/devices, /keys, /keys/{id}/pin-reset, /users, PATCH /keys/{id}).
// Which doors a key opens is then the server's decision (its permission compiler over the
// registry), not the district's `locks` list: the district must mirror the registry.
import type { HardwareKey, IssuerGateway, Phone, WorldClock } from '@portvakt/devices';
import { HttpIssuerGateway } from '@portvakt/devices';
import type { KeyRing } from '@portvakt/protocol';
import { bytesToUuid, generateSigningKeyPair, parseDeviceCertificate, uuidToBytes } from '@portvakt/protocol';
import type { EnrolmentReply } from './admin-api';
import { callAdminApi, enrolDeviceOverApi, issuerKeyRingOf } from './admin-api';
import type { DistrictIssuer, EnrolledStation } from './district-issuer';

export interface HttpDistrictIssuerOptions {
  /** The server's base URL. */
  baseUrl: string;
  /** An API token of a municipality administrator: enrols, hands out keys, blocks. */
  token: string;
  /** The devices' clock: signed device requests carry its time (the server must share it). */
  world: WorldClock;
  /** The registry lock id for a district lock number. */
  lockIdOf: (lockNumber: number) => string;
  /** The provider (registry id) a staff member (registry id, the district's staff id) works for. */
  providerOf: (staffId: string) => string;
  /** Display name for a staff member's app account. */
  displayNameOf?: (staffId: string) => string;
  /** Label on enrolled devices, e.g. "portvakt demo". */
  label?: string;
}

/** Creates the issuer; enrols one activation box first, which PINs are set at. */
export async function createHttpDistrictIssuer(options: HttpDistrictIssuerOptions): Promise<DistrictIssuer> {
  const label = options.label ?? 'portvakt demo';
  const now = () => options.world.now();
  const connection = { baseUrl: options.baseUrl, token: options.token };
  const call = <T>(method: string, path: string, body?: unknown) =>
    callAdminApi<T>(connection, method, path, body);
  const enrol = (body: Record<string, unknown>, publicKey: CryptoKey) =>
    enrolDeviceOverApi(connection, body, publicKey);

  let ring: KeyRing | undefined;
  const learnRing = async (reply: EnrolmentReply) => {
    ring = await issuerKeyRingOf(reply);
  };
  const enrolStation = async (kind: 'box' | 'station', team: string): Promise<EnrolledStation> => {
    const keyPair = await generateSigningKeyPair();
    const reply = await enrol(
      { kind: kind === 'box' ? 'activation_box' : 'sync_station', label: `${label}: ${team}` },
      keyPair.publicKey,
    );
    await learnRing(reply);
    const gateway = new HttpIssuerGateway({
      baseUrl: options.baseUrl,
      deviceId: reply.enrolment.id,
      privateKey: keyPair.privateKey,
      now,
    });
    return { deviceId: uuidToBytes(reply.enrolment.id), gateway };
  };
  const pinBox = await enrolStation('box', 'PIN');
  const pinGateway = pinBox.gateway as HttpIssuerGateway;
  const accounts = new Set<string>();
  let serial = 0;

  return {
    municipality: (await call<{ code: string }>('GET', '/api/v1/municipality')).code,
    gateway: new HttpIssuerGateway({ baseUrl: options.baseUrl, now }),
    trustAnchors: () => ({ keys: ring! }),
    enrolLock: async ({ publicKey, lockNumber }) => {
      const lockId = options.lockIdOf(lockNumber);
      const reply = await enrol({ kind: 'lock', lockId, label }, publicKey);
      await learnRing(reply);
      const { certificate } = parseDeviceCertificate(
        new Uint8Array(Buffer.from(reply.certificate, 'base64url')),
      );
      return { deviceId: uuidToBytes(lockId), lockNumber: reply.lockNumber!, issuer: certificate.issuer };
    },
    enrolHolder: async (input) => {
      const providerId = options.providerOf(input.staff);
      serial += 1;
      const key = await call<{ id: string }>('POST', '/api/v1/keys', {
        providerId,
        kind: input.kind === 'key' ? 'hardware_key' : 'phone',
        serial: `DEMO-${input.kind === 'key' ? 'K' : 'P'}-${Date.now().toString(36)}-${serial}`,
        holderStaffMemberId: input.staff,
      });
      await enrol({ kind: input.kind, keyId: key.id, label }, input.publicKey);
      if (input.kind === 'phone' && input.account && !accounts.has(input.account.username)) {
        await call('POST', '/api/v1/users', {
          username: input.account.username,
          displayName: options.displayNameOf?.(input.staff) ?? input.account.username,
          password: input.account.password,
          role: 'staff',
          providerId,
          staffMemberId: input.staff,
        });
        accounts.add(input.account.username);
      }
      const pin = input.pin;
      return {
        deviceId: uuidToBytes(key.id),
        // The work lead hands out a one-time code; the staff member sets the PIN at the box.
        finish: async (holder: HardwareKey | Phone) => {
          if (input.kind !== 'key' || !pin) return;
          const hardwareKey = holder as HardwareKey;
          const reset = await call<{ code: string }>('POST', `/api/v1/keys/${key.id}/pin-reset`);
          await hardwareKey.activateWithPin(pin);
          await pinGateway.setPin({
            request: await hardwareKey.createActivationRequest(),
            code: reset.code,
            pin,
          });
          hardwareKey.deactivate();
        },
      };
    },
    enrolStation: ({ kind, team }) => enrolStation(kind, team),
    phoneGateway: (phone: () => Phone): IssuerGateway =>
      new HttpIssuerGateway({
        baseUrl: options.baseUrl,
        createPhoneRequest: () => phone().createSyncRequest(),
        now,
      }),
    blockKey: async (deviceId) => {
      await call('PATCH', `/api/v1/keys/${bytesToUuid(deviceId)}`, {
        status: 'lost',
        statusReason: 'Tappad under passet (demo)',
      });
      return (await call<{ version: number }>('GET', '/api/v1/block-list')).version;
    },
  };
}
