// What every message the issuer signs (ticket, block list, device certificate, issuer key set,
// time attestation) does the same way: the payload is decoded again before signing, so the issuer
// can never emit a message a receiver would refuse, and a receiver checks the COSE envelope
// before it reads the payload.
import type { ContentType, CoseSign1 } from './cose';
import { decodeCoseSign1, signCoseSign1, verifyCoseSign1 } from './cose';
import type { KeyRing } from './crypto';

/** The private half of an issuer key and its 8-byte kid. */
export interface IssuerSigningKey {
  privateKey: CryptoKey;
  kid: Uint8Array;
}

/** One kind of issuer-signed message: its content type, size limit, name in errors and payload. */
export interface IssuerMessageFormat<T> {
  what: string;
  contentType: ContentType;
  maxBytes: number;
  encodePayload(value: T): Uint8Array;
  decodePayload(payload: Uint8Array): T;
}

/** Encodes `value`, checks that the payload decodes, and signs it with the issuer key. */
export async function signIssuerMessage<T>(
  format: IssuerMessageFormat<T>,
  value: T,
  signer: IssuerSigningKey,
): Promise<Uint8Array> {
  const payload = format.encodePayload(value);
  format.decodePayload(payload);
  return signCoseSign1({ ...signer, contentType: format.contentType, payload });
}

/** Parses the envelope and the payload without checking the signature. */
export function parseIssuerMessage<T>(
  format: IssuerMessageFormat<T>,
  bytes: Uint8Array,
): { sign1: CoseSign1; value: T } {
  const sign1 = decodeCoseSign1(bytes, format.contentType, format.maxBytes, format.what);
  return { sign1, value: format.decodePayload(sign1.payload) };
}

/** Parses the message and verifies its signature under `issuerKeys`; returns the payload. */
export async function verifyIssuerMessage<T>(
  format: IssuerMessageFormat<T>,
  bytes: Uint8Array,
  issuerKeys: KeyRing,
): Promise<T> {
  const { sign1, value } = parseIssuerMessage(format, bytes);
  await verifyCoseSign1(sign1, issuerKeys, format.what);
  return value;
}
