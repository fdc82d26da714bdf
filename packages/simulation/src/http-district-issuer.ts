// A district issuer backed by a running Portvakt server: devices reach it through the real device
// gateway (HttpIssuerGateway), and the work lead's part goes through the same administration API
// the console uses (POST /api/v1/devices, /keys, /keys/{id}/pin-reset, /users, PATCH /keys/{id}).
// Which doors a key opens is then the server's decision (its permission compiler over the
// registry), not the district's `locks` list: the district must mirror the registry.
import type { HardwareKey, IssuerGateway, Phone, WorldClock } from '@portvakt/devices';
import { HttpIssuerGateway } from '@portvakt/devices';
import type { KeyRing, PublicJwk } from '@portvakt/protocol';
import {
  bytesToUuid,
  createKeyRing,
  exportPublicJwk,
  generateSigningKeyPair,
  hexToBytes,
  importPublicJwk,
  parseDeviceCertificate,
  uuidToBytes,
} from '@portvakt/protocol';
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

interface EnrolmentReply {
  enrolment: { id: string };
  certificate: string;
  lockNumber: number | null;
  issuerKeys: Array<{ kid: string; jwk: PublicJwk }>;
}

/** An API call failed: the server's status, code and message. */
export class DistrictApiError extends Error {
  override readonly name = 'DistrictApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Creates the issuer; enrols one activation box first, which PINs are set at. */
export async function createHttpDistrictIssuer(options: HttpDistrictIssuerOptions): Promise<DistrictIssuer> {
  const label = options.label ?? 'portvakt demo';
  const now = () => options.world.now();
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(new URL(path, options.baseUrl), {
      method,
      headers: {
        authorization: `Bearer ${options.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json().catch(() => ({}))) as T & { code?: string; message?: string };
    if (!response.ok)
      throw new DistrictApiError(
        response.status,
        answer.code ?? 'unknown',
        `${method} ${path}: ${response.status} ${answer.code ?? ''} ${answer.message ?? ''}`.trim(),
      );
    return answer;
  };
  const enrol = async (body: Record<string, unknown>, publicKey: CryptoKey) =>
    call<EnrolmentReply>('POST', '/api/v1/devices', {
      ...body,
      publicJwk: await exportPublicJwk(publicKey),
    });

  let ring: KeyRing | undefined;
  const learnRing = async (reply: EnrolmentReply) => {
    ring = createKeyRing(
      await Promise.all(
        reply.issuerKeys.map(async (key) => [hexToBytes(key.kid), await importPublicJwk(key.jwk)] as const),
      ),
    );
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
