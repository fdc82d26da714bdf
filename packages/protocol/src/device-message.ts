// What every message a device signs with its own enrolled key (chain head, credential request,
// visit check) does the same way: the payload is a map of numbered fields, the COSE kid is the
// device's id (one of the fields), and a receiver checks the envelope, the fields and that the kid
// names the same device before it looks up the key to verify with.
import { equalBytes } from './bytes';
import type { FieldReader } from './cbor';
import { decodeFieldMap, encodeFieldMap, maxTime } from './cbor';
import type { CoseSign1 } from './cose';
import { decodeCoseSign1, signCoseSign1, verifyCoseSign1ByKey } from './cose';
import { ProtocolError } from './errors';
import type { FieldEncoders, SignedMessage, SignedMessageEnvelope } from './signed-message';
import { createSignedMessage, toFieldEntries } from './signed-message';

/** One kind of device-signed message: its envelope, its fields and which field is the kid. */
export interface DeviceMessageFormat<T, Name extends string> extends SignedMessageEnvelope<Name> {
  /** The wire key of every field, listed once: the encoding and the only keys a receiver accepts. */
  fieldKeys: { readonly [K in keyof T]-?: number };
  /** How a field goes on the wire, where that is not its value as it is. */
  toWire?: FieldEncoders<T>;
  /** The field that is the COSE kid, and its name in the error when they differ. */
  kid: (value: T) => Uint8Array;
  kidName: string;
  readFields: (fields: FieldReader) => T;
}

/**
 * The sign, parse and verify functions of one device-signed message format: signed with the
 * device's private key (kid = the device's id), verified with its enrolled public key.
 */
export type DeviceMessage<T, Name extends string> = SignedMessage<T, Name, CryptoKey, CryptoKey>;

/** Builds the sign, parse and verify functions for one device-signed message format. */
export function createDeviceMessage<T, Name extends string>(
  format: DeviceMessageFormat<T, Name>,
): DeviceMessage<T, Name> {
  const { what, contentType, maxBytes } = format;
  const allowed = Object.values<number>(format.fieldKeys);
  return createSignedMessage(format.parsedAs, {
    sign: async (value, privateKey) =>
      signCoseSign1({
        privateKey,
        kid: format.kid(value),
        contentType,
        payload: encodeFieldMap(toFieldEntries(value, format.fieldKeys, format.toWire)),
      }),
    decode: (bytes): { sign1: CoseSign1; value: T } => {
      const sign1 = decodeCoseSign1(bytes, contentType, maxBytes, what);
      const value = format.readFields(decodeFieldMap(sign1.payload, maxBytes, what, allowed));
      if (!equalBytes(sign1.kid, format.kid(value)))
        throw new ProtocolError('out-of-range', `${what}: kid must be the ${format.kidName}`);
      return { sign1, value };
    },
    check: (sign1, devicePublicKey) => verifyCoseSign1ByKey(sign1, devicePublicKey, what),
  });
}

/** What every online device request (credential request, visit check) carries besides its own fields. */
export interface DeviceRequestFields {
  /** The device's id (a key's id, or a phone's enrolment id: the id of its digital key); equals the kid. */
  keyId: Uint8Array;
  /** 16 random bytes chosen by the device; the issuer refuses a nonce it has seen. */
  nonce: Uint8Array;
  /** Device clock when signed. */
  time: number;
}

/** One kind of device request: its envelope and its own fields (wire keys from 4), read after the common ones. */
export interface DeviceRequestFormat<
  T extends DeviceRequestFields,
  Name extends string,
> extends SignedMessageEnvelope<Name> {
  fieldKeys: { readonly [K in Exclude<keyof T, keyof DeviceRequestFields>]-?: number };
  toWire?: FieldEncoders<T>;
  readFields: (fields: FieldReader) => Omit<T, keyof DeviceRequestFields>;
}

/**
 * Builds the sign, parse and verify functions for one device request: a device-signed message
 * whose fields 1 to 3 are the device's id (the kid), a fresh nonce and the device's clock.
 */
export function createDeviceRequest<T extends DeviceRequestFields, Name extends string>(
  format: DeviceRequestFormat<T, Name>,
): DeviceMessage<T, Name> {
  const common = { keyId: 1, nonce: 2, time: 3 };
  return createDeviceMessage<T, Name>({
    ...format,
    // The format's own keys cover the rest of T's fields, so together they cover all of T.
    fieldKeys: { ...common, ...format.fieldKeys } as DeviceMessageFormat<T, Name>['fieldKeys'],
    kid: (request) => request.keyId,
    kidName: 'key id',
    readFields: (fields) =>
      ({
        keyId: fields.bytes(common.keyId, 'key id', 16),
        nonce: fields.bytes(common.nonce, 'nonce', 16),
        time: fields.int(common.time, 'time', 1, maxTime),
        ...format.readFields(fields),
      }) as T,
  });
}
