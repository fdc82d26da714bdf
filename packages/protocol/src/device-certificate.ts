// Enrolment certificate: the issuer binds a device id and kind to the device's public key (and,
// for locks, the lock number used in tickets). The server and other devices trust a device key
// only through one of these.
import { decodeCanonical, encodeCanonical, FieldReader, maxTime, maxUint32 } from './cbor';
import type { CoseSign1 } from './cose';
import {
  contentTypes,
  decodeCoseKey,
  decodeCoseSign1,
  encodeCoseKey,
  signCoseSign1,
  verifyCoseSign1,
} from './cose';
import type { KeyRing, PublicKeyCoordinates } from './crypto';
import { ProtocolError } from './errors';
import type { IssuerSigningKey } from './ticket';

export const maxDeviceCertificateBytes = 512;
export const deviceKinds = { lock: 1, key: 2, phone: 3, 'activation-box': 4, 'sync-station': 5 } as const;
export type DeviceKind = keyof typeof deviceKinds;

export interface DeviceCertificate {
  issuer: string;
  deviceId: Uint8Array;
  kind: DeviceKind;
  publicKey: PublicKeyCoordinates;
  issuedAt: number;
  /** Locks only: the compact number tickets use for this lock. */
  lock?: number;
}

/** Signs an enrolment certificate; `lock` must be present exactly when kind is "lock". */
export async function signDeviceCertificate(
  cert: DeviceCertificate,
  issuer: IssuerSigningKey,
): Promise<Uint8Array> {
  const map = new Map<number, unknown>([
    [1, cert.issuer],
    [2, cert.deviceId],
    [3, deviceKinds[cert.kind]],
    [4, encodeCoseKey(cert.publicKey)],
    [5, cert.issuedAt],
  ]);
  if (cert.lock !== undefined) map.set(6, cert.lock);
  const payload = encodeCanonical(map);
  decodeDeviceCertificatePayload(payload);
  return signCoseSign1({ ...issuer, contentType: contentTypes.deviceCertificate, payload });
}

function decodeDeviceCertificatePayload(payload: Uint8Array): DeviceCertificate {
  const what = 'device-certificate';
  const fields = new FieldReader(
    decodeCanonical(payload, maxDeviceCertificateBytes, what),
    what,
    [1, 2, 3, 4, 5, 6],
  );
  const kindCode = fields.int(3, 'kind', 1, 5);
  const kind = (Object.keys(deviceKinds) as DeviceKind[]).find((k) => deviceKinds[k] === kindCode)!;
  const cert: DeviceCertificate = {
    issuer: fields.text(1, 'issuer', 64),
    deviceId: fields.bytes(2, 'device id', 16),
    kind,
    publicKey: decodeCoseKey(fields.required(4, 'public key'), `${what}.public key`),
    issuedAt: fields.int(5, 'issued-at', 0, maxTime),
  };
  if (fields.has(6)) cert.lock = fields.int(6, 'lock', 0, maxUint32);
  if ((kind === 'lock') !== (cert.lock !== undefined)) {
    throw new ProtocolError(
      'out-of-range',
      `${what}: a lock number is required for locks and only for locks`,
    );
  }
  return cert;
}

/** Parses a certificate without verifying it. */
export function parseDeviceCertificate(bytes: Uint8Array): {
  sign1: CoseSign1;
  certificate: DeviceCertificate;
} {
  const sign1 = decodeCoseSign1(
    bytes,
    contentTypes.deviceCertificate,
    maxDeviceCertificateBytes,
    'device-certificate',
  );
  return { sign1, certificate: decodeDeviceCertificatePayload(sign1.payload) };
}

/** Parses and verifies a certificate against the issuer keys. */
export async function verifyDeviceCertificate(
  bytes: Uint8Array,
  issuerKeys: KeyRing,
): Promise<DeviceCertificate> {
  const { sign1, certificate } = parseDeviceCertificate(bytes);
  await verifyCoseSign1(sign1, issuerKeys, 'device-certificate');
  return certificate;
}
