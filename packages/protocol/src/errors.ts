/**
 * Why a message was refused. Decoders and verifiers throw `ProtocolError` with one of these, so a
 * device can record the exact reason and a test can assert it.
 */
export type ProtocolErrorReason =
  | 'oversize'
  | 'malformed-cbor'
  | 'trailing-bytes'
  | 'non-canonical'
  | 'wrong-type'
  | 'missing-field'
  | 'unknown-field'
  | 'out-of-range'
  | 'wrong-algorithm'
  | 'wrong-content-type'
  | 'unknown-kid'
  | 'invalid-key'
  | 'bad-signature'
  | 'key-mismatch'
  | 'chain-broken'
  | 'chain-fork';

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly reason: ProtocolErrorReason,
    message: string,
  ) {
    super(`${reason}: ${message}`);
  }
}

/** Returns true when `error` is a ProtocolError; devices turn anything else into a bug, not a denial. */
export function isProtocolError(error: unknown): error is ProtocolError {
  return error instanceof ProtocolError;
}
