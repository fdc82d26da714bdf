// The link between a credential holder (hardware key, phone) and a lock: the operations a holder
// runs at a door, all asynchronous because on a real phone they cross a radio (Web Bluetooth) or,
// for simulated locks, a WebSocket (docs/protocol.md §12). The in-process link calls a simulated
// `Lock` directly; the transports frame the same operations as binary messages (lock-link-frames.ts)
// so a holder behaves the same whichever link it is given.
import type { RecordBatch } from '@portvakt/protocol';
import type { AcceptResult, OpenResult } from './lock-config';
import { Lock } from './lock.device';

/** What a key or phone needs from a lock, one method per lock operation (names as on `Lock`). */
export interface LockLink {
  /** A fresh challenge; it replaces any earlier one on the lock. */
  issueChallenge(): Promise<Uint8Array>;
  /** The lock's decision on a presentation ([ticket, signed response]). */
  open(presentation: Uint8Array): Promise<OpenResult>;
  acceptIssuerKeySet(bytes: Uint8Array): Promise<AcceptResult>;
  /** The signed issuer key set the lock holds, to hand on (undefined: none). */
  offerIssuerKeySet(): Promise<Uint8Array | undefined>;
  acceptBlockList(bytes: Uint8Array): Promise<AcceptResult>;
  /** The signed block list the lock holds as such, to hand on (undefined: none). */
  offerBlockList(): Promise<Uint8Array | undefined>;
  /** The issuer's signed time for the lock's outstanding challenge. */
  acceptTimeAttestation(bytes: Uint8Array): Promise<AcceptResult>;
  /** The lock's uncollected records, only right after this link's holder opened it. */
  handOverRecords(): Promise<RecordBatch | undefined>;
  /** Ends the link (disconnects the transport); the in-process link has nothing to end. */
  close(): Promise<void>;
}

/** Why a link failed, as opposed to the lock refusing something (which is a result, not an error). */
export type LockLinkErrorCode =
  /** The transport closed or could not connect. */
  | 'link-closed'
  /** No answer within the link's time limit. */
  | 'timeout'
  /** The lock side could not decode the request frame (nothing was applied). */
  | 'malformed-frame'
  /** The holder side could not decode the lock's answer. */
  | 'malformed-reply'
  /** The lock side knows no such operation. */
  | 'unknown-operation'
  /** The lock side failed while running the operation (a bug or a dead lock, not a refusal). */
  | 'lock-failed'
  /** The lock the link was asked for is not there (simulated-lock host). */
  | 'unknown-lock';

export class LockLinkError extends Error {
  override readonly name = 'LockLinkError';
  constructor(
    readonly code: LockLinkErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export function isLockLinkError(error: unknown): error is LockLinkError {
  return error instanceof LockLinkError;
}

/** A link to a simulated lock in the same process: each operation calls the lock directly. */
export class InProcessLockLink implements LockLink {
  constructor(readonly lock: Lock) {}

  async issueChallenge(): Promise<Uint8Array> {
    return this.lock.issueChallenge();
  }

  async open(presentation: Uint8Array): Promise<OpenResult> {
    return this.lock.open(presentation);
  }

  async acceptIssuerKeySet(bytes: Uint8Array): Promise<AcceptResult> {
    return this.lock.acceptIssuerKeySet(bytes);
  }

  async offerIssuerKeySet(): Promise<Uint8Array | undefined> {
    return this.lock.offerIssuerKeySet();
  }

  async acceptBlockList(bytes: Uint8Array): Promise<AcceptResult> {
    return this.lock.acceptBlockList(bytes);
  }

  async offerBlockList(): Promise<Uint8Array | undefined> {
    return this.lock.offerBlockList();
  }

  async acceptTimeAttestation(bytes: Uint8Array): Promise<AcceptResult> {
    return this.lock.acceptTimeAttestation(bytes);
  }

  async handOverRecords(): Promise<RecordBatch | undefined> {
    return this.lock.handOverRecords();
  }

  async close(): Promise<void> {}
}

/** A simulated lock (adapted in process) or a link to one; what `openLock` accepts. */
export type LockOrLink = Lock | LockLink;

/** The link to use for `target`: a `Lock` is wrapped in an in-process link, a link is used as is. */
export function toLockLink(target: LockOrLink): LockLink {
  return target instanceof Lock ? new InProcessLockLink(target) : target;
}
