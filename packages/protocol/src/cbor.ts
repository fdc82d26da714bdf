// Deterministic CBOR (RFC 8949 §4.2.1) for every protocol message. Decoding is strict twice over:
// cborg rejects non-minimal heads, indefinite lengths, tags, undefined, NaN and duplicate keys,
// and we then re-encode and compare bytes, which also catches wrong map key order and floats
// standing in for integers. Anything that survives both is the one canonical encoding.
import { decodeFirst, encode, rfc8949EncodeOptions } from 'cborg';
import { equalBytes } from './bytes';
import { ProtocolError } from './errors';

const strictDecodeOptions = {
  strict: true,
  useMaps: true,
  rejectDuplicateMapKeys: true,
  allowIndefinite: false,
  allowUndefined: false,
  allowInfinity: false,
  allowNaN: false,
  allowBigInt: false,
} as const;

/** Encodes `value` as deterministic CBOR; maps must be `Map`s with integer keys. */
export function encodeCanonical(value: unknown): Uint8Array {
  return encode(value, rfc8949EncodeOptions);
}

export interface DecodeOptions {
  /**
   * The bytes are what encodeCanonical just returned (an issuer checking a message before it
   * signs it): encoding the decoded value again would only give the same bytes back, so that
   * comparison is skipped. Every other check still runs. Never for bytes from outside.
   */
  isOwnEncoding?: boolean;
}

/**
 * Decodes exactly one canonical CBOR item of at most `maxBytes`. Must reject oversize input before
 * parsing (a lock has little RAM), trailing bytes, and any non-canonical encoding.
 */
export function decodeCanonical(
  bytes: Uint8Array,
  maxBytes: number,
  what: string,
  options: DecodeOptions = {},
): unknown {
  if (!(bytes instanceof Uint8Array)) throw new ProtocolError('wrong-type', `${what}: expected bytes`);
  if (bytes.length > maxBytes)
    throw new ProtocolError('oversize', `${what}: ${bytes.length} > ${maxBytes} bytes`);
  if (bytes.length === 0) throw new ProtocolError('malformed-cbor', `${what}: empty`);
  let value: unknown;
  let rest: Uint8Array;
  try {
    const decoded: [unknown, Uint8Array] = decodeFirst(bytes, strictDecodeOptions);
    [value, rest] = decoded;
  } catch (error) {
    const message = (error as Error).message;
    // A non-minimal integer or length is a valid CBOR item in the wrong (non-deterministic) form.
    const reason = /more bytes than necessary/.test(message) ? 'non-canonical' : 'malformed-cbor';
    throw new ProtocolError(reason, `${what}: ${message}`);
  }
  if (rest.length > 0)
    throw new ProtocolError('trailing-bytes', `${what}: ${rest.length} bytes after the item`);
  if (options.isOwnEncoding) return value;
  let again: Uint8Array;
  try {
    again = encodeCanonical(value);
  } catch (error) {
    throw new ProtocolError('malformed-cbor', `${what}: ${(error as Error).message}`);
  }
  if (!equalBytes(again, bytes)) throw new ProtocolError('non-canonical', `${what}: not deterministic CBOR`);
  return value;
}

/** Throws `wrong-type` unless `value` is a CBOR array; optionally of exactly `length` items. */
export function expectArray(value: unknown, what: string, length?: number): unknown[] {
  if (!Array.isArray(value)) throw new ProtocolError('wrong-type', `${what}: expected array`);
  if (length !== undefined && value.length !== length) {
    throw new ProtocolError('wrong-type', `${what}: expected ${length} items, got ${value.length}`);
  }
  return value;
}

/** Throws `wrong-type` unless `value` is a byte string; optionally of exactly `length` bytes. */
export function expectBytes(value: unknown, what: string, length?: number): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new ProtocolError('wrong-type', `${what}: expected bstr`);
  if (length !== undefined && value.length !== length) {
    throw new ProtocolError('out-of-range', `${what}: expected ${length} bytes, got ${value.length}`);
  }
  return value;
}

/** Throws unless `value` is an integer within [min, max]; rejects floats even if whole. */
export function expectInt(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new ProtocolError('wrong-type', `${what}: expected integer`);
  }
  if (value < min || value > max)
    throw new ProtocolError('out-of-range', `${what}: ${value} not in ${min}..${max}`);
  return value;
}

/** Throws unless `value` is a text string of at most `maxLength` UTF-16 units and at least one. */
export function expectText(value: unknown, what: string, maxLength: number): string {
  if (typeof value !== 'string') throw new ProtocolError('wrong-type', `${what}: expected tstr`);
  if (value.length === 0 || value.length > maxLength) {
    throw new ProtocolError('out-of-range', `${what}: length ${value.length} not in 1..${maxLength}`);
  }
  return value;
}

export const maxUint32 = 0xffffffff;
/** Seconds since the epoch fit in uint32 until 2106; tighter bounds catch garbage early. */
export const maxTime = maxUint32;

const controlCharacter = /\p{Cc}/u;

/**
 * A CBOR map whose keys are small integers, read field by field. Must reject any key outside
 * `allowed`, so a newer sender cannot slip semantics past an older verifier.
 */
export class FieldReader {
  private readonly map: Map<unknown, unknown>;
  constructor(
    value: unknown,
    private readonly what: string,
    allowed: readonly number[],
  ) {
    if (!(value instanceof Map)) throw new ProtocolError('wrong-type', `${what}: expected map`);
    for (const key of value.keys()) {
      if (typeof key !== 'number' || !allowed.includes(key)) {
        throw new ProtocolError('unknown-field', `${what}: field ${String(key)} is not allowed`);
      }
    }
    this.map = value as Map<unknown, unknown>;
  }

  has(key: number): boolean {
    return this.map.has(key);
  }

  required(key: number, name: string): unknown {
    if (!this.map.has(key))
      throw new ProtocolError('missing-field', `${this.what}: ${name} (${key}) is required`);
    return this.map.get(key);
  }

  int(key: number, name: string, min = 0, max = maxUint32): number {
    return expectInt(this.required(key, name), `${this.what}.${name}`, min, max);
  }

  bytes(key: number, name: string, length?: number): Uint8Array {
    return expectBytes(this.required(key, name), `${this.what}.${name}`, length);
  }

  bool(key: number, name: string): boolean {
    const value = this.required(key, name);
    if (typeof value !== 'boolean')
      throw new ProtocolError('wrong-type', `${this.what}.${name}: expected true or false`);
    return value;
  }

  text(key: number, name: string, maxLength: number): string {
    return expectText(this.required(key, name), `${this.what}.${name}`, maxLength);
  }

  /**
   * Text a person reads (a staff pseudonym): no control character (Unicode Cc: C0, DEL, C1). A NUL
   * cannot be stored as database text and the others would reach logs, exports and screens, so
   * every reader refuses them alike (docs/protocol.md §6).
   */
  label(key: number, name: string, maxLength: number): string {
    const text = this.text(key, name, maxLength);
    const control = controlCharacter.exec(text);
    if (control) {
      const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      throw new ProtocolError('out-of-range', `${this.what}.${name}: control character U+${code}`);
    }
    return text;
  }

  array(key: number, name: string, maxItems: number): unknown[] {
    const items = expectArray(this.required(key, name), `${this.what}.${name}`);
    if (items.length > maxItems) {
      throw new ProtocolError('oversize', `${this.what}.${name}: ${items.length} > ${maxItems} items`);
    }
    return items;
  }
}

/** Encodes a map with integer keys (a message's numbered fields) as deterministic CBOR. */
export function encodeFieldMap(fields: Iterable<readonly [number, unknown]>): Uint8Array {
  return encodeCanonical(new Map<number, unknown>(fields));
}

/** Decodes `bytes` strictly (see decodeCanonical) as an array of exactly `length` items. */
export function decodeFixedArray(
  bytes: Uint8Array,
  maxBytes: number,
  what: string,
  length: number,
): unknown[] {
  return expectArray(decodeCanonical(bytes, maxBytes, what), what, length);
}

/** Decodes `bytes` strictly (see decodeCanonical) as a map of the `allowed` integer keys. */
export function decodeFieldMap(
  bytes: Uint8Array,
  maxBytes: number,
  what: string,
  allowed: readonly number[],
  options: DecodeOptions = {},
): FieldReader {
  return new FieldReader(decodeCanonical(bytes, maxBytes, what, options), what, allowed);
}
