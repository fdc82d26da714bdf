// The lock link's wire format (docs/protocol.md §12): the operations a key or phone runs at a lock
// as request and reply frames, the same bytes over Bluetooth GATT (chunked to the ATT MTU) and over
// a WebSocket (one frame per binary message). Frames are deterministic CBOR maps like every other
// message here and are decoded as strictly: a frame that does not decode is refused whole, before
// anything of it reaches the lock. The protocol messages inside (challenge, presentation, block
// list, ...) travel as byte strings and are checked by the lock as they are over any other path.
import { decodeFieldMap, encodeFieldMap, maxUint32 } from './cbor';
import { maxRecordBatchBytes } from './chain-head';
import { ProtocolError } from './errors';
import type { Reason } from './reasons';
import { reasonCodes, reasonFromCode } from './reasons';

/** The operations, with their wire numbers (never reused). */
export const lockLinkOperations = {
  'issue-challenge': 1,
  open: 2,
  'accept-issuer-key-set': 3,
  'offer-issuer-key-set': 4,
  'accept-block-list': 5,
  'offer-block-list': 6,
  'accept-time-attestation': 7,
  'hand-over-records': 8,
} as const;
export type LockLinkOperation = keyof typeof lockLinkOperations;

/** A code table read backwards: wire code → name. */
function invertCodes<Name extends string>(table: Record<Name, number>): Map<number, Name> {
  return new Map(Object.entries(table).map(([name, code]) => [code as number, name as Name]));
}

const operationFromCode = invertCodes<LockLinkOperation>(lockLinkOperations);

/** Operations whose request carries bytes (the rest carry none). */
const operationsWithPayload: readonly LockLinkOperation[] = [
  'open',
  'accept-issuer-key-set',
  'accept-block-list',
  'accept-time-attestation',
];
/** Operations whose reply is a decision (field 3, a reason code; 0 = opened or accepted). */
const operationsWithDecision: readonly LockLinkOperation[] = operationsWithPayload;
/** Operations whose reply always carries bytes (the challenge). */
const operationsWithBytes: readonly LockLinkOperation[] = ['issue-challenge'];
/** Operations whose reply carries bytes when the lock has something (set, list, records). */
const operationsWithOptionalBytes: readonly LockLinkOperation[] = [
  'offer-issuer-key-set',
  'offer-block-list',
  'hand-over-records',
];

/** Why the lock side could not run a request (not a refusal: those are decisions). Wire codes. */
export const lockLinkErrorCodes = {
  'malformed-frame': 1,
  'unknown-operation': 2,
  'lock-failed': 3,
  'unknown-lock': 4,
} as const;
export type LockLinkFrameError = keyof typeof lockLinkErrorCodes;

const errorFromCode = invertCodes<LockLinkFrameError>(lockLinkErrorCodes);

/** Largest frame either side sends or accepts: a full record batch and the frame around it. */
export const maxLockLinkFrameBytes = maxRecordBatchBytes + 64;

export interface LockLinkRequest {
  /** Chosen by the holder, echoed in the reply; 1..2^32-1 (0 is reserved for unreadable requests). */
  id: number;
  operation: LockLinkOperation;
  /** The protocol message the operation carries (presentation, block list, ...); absent for the rest. */
  payload?: Uint8Array;
}

export type LockLinkReply =
  | {
      id: number;
      operation: LockLinkOperation;
      /** For open and the accept operations: undefined when opened or accepted, else the reason. */
      refusal?: Reason;
      /** Challenge, offered key set or block list, encoded record batch (when the lock has one). */
      payload?: Uint8Array;
    }
  | { id: number; operation?: LockLinkOperation; error: LockLinkFrameError };

/** Request: {1: id, 2: operation, ? 3: payload bstr}. */
export function encodeLockLinkRequest(request: LockLinkRequest): Uint8Array {
  const needsPayload = operationsWithPayload.includes(request.operation);
  if (needsPayload !== (request.payload !== undefined))
    throw new ProtocolError('wrong-type', `lock-link request: ${request.operation} payload mismatch`);
  return encodeFieldMap([
    [1, request.id],
    [2, lockLinkOperations[request.operation]],
    ...(request.payload ? [[3, request.payload] as const] : []),
  ]);
}

/**
 * Decodes a request strictly. Throws ProtocolError for anything but a canonical map of the known
 * fields with an id ≥ 1; `unknown-operation` (as its message's reason: `out-of-range`) for an
 * operation number this version does not know; a payload present exactly when the operation
 * takes one.
 */
export function decodeLockLinkRequest(bytes: Uint8Array): LockLinkRequest {
  const fields = decodeFieldMap(bytes, maxLockLinkFrameBytes, 'lock-link request', [1, 2, 3]);
  const id = fields.int(1, 'id', 1, maxUint32);
  const code = fields.int(2, 'operation', 1, maxUint32);
  const operation = operationFromCode.get(code);
  if (!operation) throw new UnknownOperationError(id, code);
  const needsPayload = operationsWithPayload.includes(operation);
  if (needsPayload !== fields.has(3))
    throw new ProtocolError(
      needsPayload ? 'missing-field' : 'unknown-field',
      `lock-link request: ${operation} ${needsPayload ? 'needs' : 'takes no'} payload (3)`,
    );
  return { id, operation, ...(needsPayload ? { payload: fields.bytes(3, 'payload') } : {}) };
}

/** A well-formed request for an operation this version does not know; the reply names its id. */
export class UnknownOperationError extends ProtocolError {
  constructor(
    readonly id: number,
    readonly code: number,
  ) {
    super('out-of-range', `lock-link request: unknown operation ${code}`);
  }
}

/**
 * The id a request frame carries, if it can be read at all (to address an error reply); 0 when
 * the frame is too broken for that.
 */
export function readLockLinkRequestId(bytes: Uint8Array): number {
  try {
    const fields = decodeFieldMap(bytes, maxLockLinkFrameBytes, 'lock-link request', [1, 2, 3]);
    return fields.int(1, 'id', 1, maxUint32);
  } catch {
    return 0;
  }
}

/**
 * Reply: {1: id, 2: operation, ? 3: reason code (decisions), ? 4: payload bstr} or, when the lock
 * side could not run the request, {1: id, ? 2: operation, 5: error code}.
 */
export function encodeLockLinkReply(reply: LockLinkReply): Uint8Array {
  if ('error' in reply)
    return encodeFieldMap([
      [1, reply.id],
      ...(reply.operation ? [[2, lockLinkOperations[reply.operation]] as const] : []),
      [5, lockLinkErrorCodes[reply.error]],
    ]);
  const isDecision = operationsWithDecision.includes(reply.operation);
  return encodeFieldMap([
    [1, reply.id],
    [2, lockLinkOperations[reply.operation]],
    ...(isDecision ? [[3, reasonCodes[reply.refusal ?? 'none']] as const] : []),
    ...(reply.payload ? [[4, reply.payload] as const] : []),
  ]);
}

/** Decodes a reply strictly: the fields its operation's reply has, and no others. */
export function decodeLockLinkReply(bytes: Uint8Array): LockLinkReply {
  const fields = decodeFieldMap(bytes, maxLockLinkFrameBytes, 'lock-link reply', [1, 2, 3, 4, 5]);
  const id = fields.int(1, 'id', 0, maxUint32);
  let operation: LockLinkOperation | undefined;
  if (fields.has(2)) {
    const code = fields.int(2, 'operation', 1, maxUint32);
    operation = operationFromCode.get(code);
    if (!operation) throw new ProtocolError('out-of-range', `lock-link reply: unknown operation ${code}`);
  }
  if (fields.has(5)) {
    if (fields.has(3) || fields.has(4))
      throw new ProtocolError('unknown-field', 'lock-link reply: an error reply carries no result');
    const code = fields.int(5, 'error', 1, maxUint32);
    const error = errorFromCode.get(code);
    if (!error) throw new ProtocolError('out-of-range', `lock-link reply: unknown error ${code}`);
    return { id, ...(operation ? { operation } : {}), error };
  }
  if (!operation) throw new ProtocolError('missing-field', 'lock-link reply: operation (2) is required');
  const isDecision = operationsWithDecision.includes(operation);
  if (isDecision !== fields.has(3))
    throw new ProtocolError(
      isDecision ? 'missing-field' : 'unknown-field',
      `lock-link reply: ${operation} ${isDecision ? 'needs' : 'takes no'} decision (3)`,
    );
  const needsBytes = operationsWithBytes.includes(operation);
  const mayHaveBytes = needsBytes || operationsWithOptionalBytes.includes(operation);
  if ((needsBytes && !fields.has(4)) || (!mayHaveBytes && fields.has(4)))
    throw new ProtocolError(
      needsBytes ? 'missing-field' : 'unknown-field',
      `lock-link reply: ${operation} payload (4)`,
    );
  const reply: LockLinkReply = { id, operation };
  if (isDecision) {
    const reasonCode = fields.int(3, 'decision', 0, maxUint32);
    const reason = reasonFromCode(reasonCode);
    if (!reason) throw new ProtocolError('out-of-range', `lock-link reply: unknown reason ${reasonCode}`);
    if (reason !== 'none') reply.refusal = reason;
  }
  if (fields.has(4)) reply.payload = fields.bytes(4, 'payload');
  return reply;
}

// ---- Bluetooth: frames in ATT-sized chunks --------------------------------------------------------

/** The GATT service a lock advertises for the lock link, and its two characteristics. */
export interface BluetoothLockLinkGatt {
  service: string;
  /** Write (with response): request frames, chunked, from the holder to the lock. */
  controlPoint: string;
  /** Notify: reply frames, chunked, from the lock to the holder. */
  replies: string;
}

export const lockLinkGatt: BluetoothLockLinkGatt = {
  service: '8c484a71-fe0f-45fe-acd0-2369bedd786a',
  controlPoint: '9d4942d5-d8db-453c-887f-0a7201f57aa7',
  replies: '7bf50357-6028-4d71-b747-d2952b0f7d26',
};

/** Bytes of the length prefix that starts a frame's first chunk (uint32, big-endian). */
const lengthPrefixBytes = 4;
/** ATT header bytes in a write or notification; a chunk is at most MTU − 3 bytes. */
export const attHeaderBytes = 3;
/** The smallest ATT MTU (BLE's default): 20-byte chunks. */
export const minimumAttMtu = 23;

/**
 * Splits a frame for a GATT characteristic: a 4-byte big-endian length, then the frame, cut into
 * chunks of at most `mtu − 3` bytes (one write or notification each, in order).
 */
export function chunkLockLinkFrame(frame: Uint8Array, mtu: number): Uint8Array[] {
  if (!Number.isInteger(mtu) || mtu < minimumAttMtu)
    throw new ProtocolError('out-of-range', `ATT MTU ${mtu} < ${minimumAttMtu}`);
  if (frame.length > maxLockLinkFrameBytes)
    throw new ProtocolError('oversize', `lock-link frame: ${frame.length} > ${maxLockLinkFrameBytes} bytes`);
  const whole = new Uint8Array(lengthPrefixBytes + frame.length);
  new DataView(whole.buffer).setUint32(0, frame.length);
  whole.set(frame, lengthPrefixBytes);
  const size = mtu - attHeaderBytes;
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < whole.length; at += size) chunks.push(whole.slice(at, at + size));
  return chunks;
}

/**
 * Joins chunks back into frames. A length over the frame limit is refused at the first chunk,
 * before anything is buffered (a lock has little RAM); the assembler then starts afresh.
 */
export class LockLinkFrameAssembler {
  private buffer: Uint8Array | undefined;
  private filled = 0;
  private prefix = new Uint8Array(0);

  /** Adds one chunk; returns the frames it completed (usually none or one). */
  push(chunk: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    let rest = chunk;
    while (rest.length > 0) {
      if (!this.buffer) {
        const need = lengthPrefixBytes - this.prefix.length;
        const joined = new Uint8Array(this.prefix.length + Math.min(need, rest.length));
        joined.set(this.prefix);
        joined.set(rest.subarray(0, need), this.prefix.length);
        this.prefix = joined;
        rest = rest.subarray(need);
        if (this.prefix.length < lengthPrefixBytes) break;
        const length = new DataView(this.prefix.buffer).getUint32(0);
        this.prefix = new Uint8Array(0);
        if (length > maxLockLinkFrameBytes || length === 0) {
          this.reset();
          throw new ProtocolError('oversize', `lock-link frame: announced ${length} bytes`);
        }
        this.buffer = new Uint8Array(length);
        this.filled = 0;
      }
      const take = Math.min(this.buffer.length - this.filled, rest.length);
      this.buffer.set(rest.subarray(0, take), this.filled);
      this.filled += take;
      rest = rest.subarray(take);
      if (this.filled === this.buffer.length) {
        frames.push(this.buffer);
        this.buffer = undefined;
      }
    }
    return frames;
  }

  /** Drops a partial frame (a new connection starts clean). */
  reset(): void {
    this.buffer = undefined;
    this.filled = 0;
    this.prefix = new Uint8Array(0);
  }
}
