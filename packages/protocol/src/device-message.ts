// What every message a device signs with its own enrolled key (chain head, credential request,
// visit check) does the same way: the payload is a map of numbered fields, the COSE kid is the
// device's id (one of the fields), and a receiver checks the envelope, the fields and that the kid
// names the same device before it looks up the key to verify with.
import { equalBytes } from './bytes';
import type { FieldReader } from './cbor';
import { decodeFieldMap, encodeFieldMap } from './cbor';
import type { ContentType, CoseSign1 } from './cose';
import { decodeCoseSign1, signCoseSign1, verifyCoseSign1ByKey } from './cose';
import { ProtocolError } from './errors';

/** One kind of device-signed message: its envelope, its fields and which field is the kid. */
export interface DeviceMessageFormat<T, Name extends string> {
  what: string;
  contentType: ContentType;
  maxBytes: number;
  /** The name the payload goes by next to `sign1` in a parsed message (e.g. `head`). */
  parsedAs: Name;
  /** The only field keys a receiver accepts. */
  fieldKeys: readonly number[];
  /** The field that is the COSE kid, and its name in the error when they differ. */
  kid: (value: T) => Uint8Array;
  kidName: string;
  toFields: (value: T) => [number, unknown][];
  readFields: (fields: FieldReader) => T;
}

/** A message parsed but not yet verified: its envelope, and its payload under the format's name. */
export type ParsedDeviceMessage<T, Name extends string> = { sign1: CoseSign1 } & { [K in Name]: T };

/** The sign, parse and verify functions of one device-signed message format. */
export interface DeviceMessage<T, Name extends string> {
  /** Signs `value` with the device's private key (kid = the device's id). */
  sign: (value: T, privateKey: CryptoKey) => Promise<Uint8Array>;
  /** Parses the message without verifying it (a receiver looks the device up by kid first). */
  parse: (bytes: Uint8Array) => ParsedDeviceMessage<T, Name>;
  /** Parses the message and verifies it with the device's public key; throws `bad-signature`. */
  verify: (bytes: Uint8Array, devicePublicKey: CryptoKey) => Promise<T>;
}

/** Builds the sign, parse and verify functions for one device-signed message format. */
export function createDeviceMessage<T, Name extends string>(
  format: DeviceMessageFormat<T, Name>,
): DeviceMessage<T, Name> {
  const { what, contentType, maxBytes } = format;
  const parse = (bytes: Uint8Array): { sign1: CoseSign1; value: T } => {
    const sign1 = decodeCoseSign1(bytes, contentType, maxBytes, what);
    const value = format.readFields(decodeFieldMap(sign1.payload, maxBytes, what, format.fieldKeys));
    if (!equalBytes(sign1.kid, format.kid(value)))
      throw new ProtocolError('out-of-range', `${what}: kid must be the ${format.kidName}`);
    return { sign1, value };
  };
  return {
    sign: async (value, privateKey) =>
      signCoseSign1({
        privateKey,
        kid: format.kid(value),
        contentType,
        payload: encodeFieldMap(format.toFields(value)),
      }),
    parse: (bytes) => {
      const { sign1, value } = parse(bytes);
      return { sign1, [format.parsedAs]: value } as ParsedDeviceMessage<T, Name>;
    },
    verify: async (bytes, devicePublicKey) => {
      const { sign1, value } = parse(bytes);
      await verifyCoseSign1ByKey(sign1, devicePublicKey, what);
      return value;
    },
  };
}
