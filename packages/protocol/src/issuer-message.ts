// What every message the issuer signs (ticket, block list, device certificate, issuer key set,
// time attestation) does the same way: the payload is decoded again before signing, so the issuer
// can never emit a message a receiver would refuse, and a receiver checks the COSE envelope
// before it reads the payload.
import type { DecodeOptions } from './cbor';
import type { ContentType, CoseSign1 } from './cose';
import { decodeCoseSign1, signCoseSign1, verifyCoseSign1 } from './cose';
import type { KeyRing } from './crypto';

/** The private half of an issuer key and its 8-byte kid. */
export interface IssuerSigningKey {
  privateKey: CryptoKey;
  kid: Uint8Array;
}

/** One kind of issuer-signed message: its content type, size limit, name in errors and payload. */
export interface IssuerMessageFormat<T, Name extends string> {
  what: string;
  contentType: ContentType;
  maxBytes: number;
  /** The name the payload goes by next to `sign1` in a parsed message (e.g. `list`). */
  parsedAs: Name;
  encodePayload(value: T): Uint8Array;
  decodePayload(payload: Uint8Array, options?: DecodeOptions): T;
}

/** A message parsed but not yet verified: its envelope, and its payload under the format's name. */
export type ParsedIssuerMessage<T, Name extends string> = { sign1: CoseSign1 } & { [K in Name]: T };

/** The sign, parse and verify functions of one issuer-signed message format. */
export interface IssuerMessage<T, Name extends string> {
  /** Encodes `value`, checks that the payload decodes (so receivers accept it), and signs it. */
  sign: (value: T, signer: IssuerSigningKey) => Promise<Uint8Array>;
  /** Parses the envelope and the payload without checking the signature. */
  parse: (bytes: Uint8Array) => ParsedIssuerMessage<T, Name>;
  /** Parses the message and verifies its signature under `issuerKeys`; returns the payload. */
  verify: (bytes: Uint8Array, issuerKeys: KeyRing) => Promise<T>;
}

/** Builds the sign, parse and verify functions for one issuer-signed message format. */
export function createIssuerMessage<T, Name extends string>(
  format: IssuerMessageFormat<T, Name>,
): IssuerMessage<T, Name> {
  const decode = (bytes: Uint8Array): { sign1: CoseSign1; value: T } => {
    const sign1 = decodeCoseSign1(bytes, format.contentType, format.maxBytes, format.what);
    return { sign1, value: format.decodePayload(sign1.payload) };
  };
  return {
    sign: async (value, signer) => {
      const payload = format.encodePayload(value);
      format.decodePayload(payload, { isOwnEncoding: true });
      return signCoseSign1({ ...signer, contentType: format.contentType, payload });
    },
    parse: (bytes) => {
      const { sign1, value } = decode(bytes);
      return { sign1, [format.parsedAs]: value } as ParsedIssuerMessage<T, Name>;
    },
    verify: async (bytes, issuerKeys) => {
      const { sign1, value } = decode(bytes);
      await verifyCoseSign1(sign1, issuerKeys, format.what);
      return value;
    },
  };
}
