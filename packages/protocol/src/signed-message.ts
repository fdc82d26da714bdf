// What every signed message format shares, whoever signs it (the issuer or a device): a COSE
// envelope of one content type and size limit, a payload that `parse` hands back under the
// format's own name (e.g. `head`), and `verify` = parse, then check the signature.
import type { ContentType, CoseSign1 } from './cose';

/** A format's envelope: its name in errors, its content type and size limit, and its payload's name. */
export interface SignedMessageEnvelope<Name extends string> {
  what: string;
  contentType: ContentType;
  maxBytes: number;
  /** The name the payload goes by next to `sign1` in a parsed message (e.g. `head`). */
  parsedAs: Name;
}

/** A message parsed but not yet verified: its envelope, and its payload under the format's name. */
export type ParsedMessage<T, Name extends string> = { sign1: CoseSign1 } & { [K in Name]: T };

/** The sign, parse and verify functions of one format: `Signer` signs, `Verifier` checks. */
export interface SignedMessage<T, Name extends string, Signer, Verifier> {
  sign: (value: T, signer: Signer) => Promise<Uint8Array>;
  /** Parses the envelope and the payload without checking the signature (a receiver may look up the kid first). */
  parse: (bytes: Uint8Array) => ParsedMessage<T, Name>;
  /** Parses the message and verifies its signature; returns the payload. Throws `bad-signature`. */
  verify: (bytes: Uint8Array, verifier: Verifier) => Promise<T>;
}

/** How one format signs, reads (envelope and payload, unverified) and checks a signature. */
export interface SignedMessageParts<T, Signer, Verifier> {
  sign: (value: T, signer: Signer) => Promise<Uint8Array>;
  decode: (bytes: Uint8Array) => { sign1: CoseSign1; value: T };
  check: (sign1: CoseSign1, verifier: Verifier) => Promise<void>;
}

/** Builds the sign, parse and verify functions of one format from its parts. */
export function createSignedMessage<T, Name extends string, Signer, Verifier>(
  parsedAs: Name,
  parts: SignedMessageParts<T, Signer, Verifier>,
): SignedMessage<T, Name, Signer, Verifier> {
  return {
    sign: parts.sign,
    parse: (bytes) => {
      const { sign1, value } = parts.decode(bytes);
      return { sign1, [parsedAs]: value } as ParsedMessage<T, Name>;
    },
    verify: async (bytes, verifier) => {
      const { sign1, value } = parts.decode(bytes);
      await parts.check(sign1, verifier);
      return value;
    },
  };
}

/** How a field goes on the wire, where that is not its value as it is. */
export type FieldEncoders<T> = { readonly [K in keyof T]?: (value: NonNullable<T[K]>) => unknown };

/**
 * A value's fields as numbered wire entries, in the order of `fieldKeys` (each field's wire key,
 * listed once: it gives the encoding and the only keys a receiver accepts, so the two cannot
 * drift apart). A field whose value is undefined is left out.
 */
export function toFieldEntries<T, K extends keyof T>(
  value: T,
  fieldKeys: { readonly [P in K]-?: number },
  toWire: FieldEncoders<T> = {},
): [number, unknown][] {
  // Each encoder was checked against its own field's type above; here they are looked up by name.
  const encoders = toWire as Partial<Record<string, (value: unknown) => unknown>>;
  const entries: [number, unknown][] = [];
  for (const [name, key] of Object.entries<number>(fieldKeys)) {
    const field: unknown = value[name as K];
    const encode = encoders[name];
    if (field !== undefined) entries.push([key, encode ? encode(field) : field]);
  }
  return entries;
}
