// Enrolment certificate: the issuer binds a device id and kind to the device's public key (and,
// for locks, the lock number used in tickets). The server and other devices trust a device key
// only through one of these.
import { maxTime, maxUint32 } from './cbor';
import { contentTypes, decodeCoseKey, encodeCoseKey } from './cose';
import type { PublicKeyCoordinates } from './crypto';
import { ProtocolError } from './errors';
import { createFieldMapMessage } from './issuer-message';
import { createCodeLookup } from './reasons';

export const maxDeviceCertificateBytes = 512;
export const deviceKinds = {
  lock: 1,
  key: 2,
  phone: 3,
  'activation-box': 4,
  'sync-station': 5,
  'key-cabinet': 6,
} as const;
export type DeviceKind = keyof typeof deviceKinds;
const deviceKindFromCode = createCodeLookup(deviceKinds);

export interface DeviceCertificate {
  issuer: string;
  deviceId: Uint8Array;
  kind: DeviceKind;
  publicKey: PublicKeyCoordinates;
  issuedAt: number;
  /** Locks only: the compact number tickets use for this lock. */
  lock?: number;
}

const deviceCertificateMessage = createFieldMapMessage<DeviceCertificate, 'certificate'>({
  what: 'device-certificate',
  parsedAs: 'certificate',
  contentType: contentTypes.deviceCertificate,
  maxBytes: maxDeviceCertificateBytes,
  fieldKeys: { deviceId: 2, kind: 3, publicKey: 4, issuedAt: 5, lock: 6 },
  toWire: { kind: (kind) => deviceKinds[kind], publicKey: encodeCoseKey },
  readFields(fields, what) {
    const kind = deviceKindFromCode(fields.int(3, 'kind', 1, 6))!;
    const cert: Omit<DeviceCertificate, 'issuer'> = {
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
  },
});

/** Signs an enrolment certificate; `lock` must be present exactly when kind is "lock". */
export const signDeviceCertificate = deviceCertificateMessage.sign;

/** Parses a certificate without verifying it. */
export const parseDeviceCertificate = deviceCertificateMessage.parse;

/** Parses and verifies a certificate against the issuer keys. */
export const verifyDeviceCertificate = deviceCertificateMessage.verify;
