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

/** An error that carries a machine-readable reason, which also starts its message. */
export class ReasonError<R extends string> extends Error {
  constructor(
    readonly reason: R,
    message: string,
  ) {
    super(`${reason}: ${message}`);
  }
}

export class ProtocolError extends ReasonError<ProtocolErrorReason> {
  override readonly name = 'ProtocolError';
}

/** Returns true when `error` is a ProtocolError; devices turn anything else into a bug, not a denial. */
export function isProtocolError(error: unknown): error is ProtocolError {
  return error instanceof ProtocolError;
}
