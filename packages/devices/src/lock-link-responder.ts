// The lock's side of the lock link: reads a request frame, runs the one operation it names on the
// simulated lock, and frames the answer (docs/protocol.md §12). A frame that does not decode is
// refused whole before the lock sees any of it, and counted by the lock as a malformed attempt
// (rule: bad input changes nothing but the count of bad input). Requests are run one at a time per
// lock, whichever connection they come from, as a lock's single radio would.
import type { LockLinkOperation, LockLinkReply, LockLinkRequest } from '@portvakt/protocol';
import {
  decodeLockLinkRequest,
  encodeLockLinkReply,
  encodeRecordBatch,
  isProtocolError,
  readLockLinkRequestId,
  UnknownOperationError,
} from '@portvakt/protocol';
import type { AcceptResult, OpenResult } from './lock-config';
import type { Lock } from './lock.device';

/** One request the responder answered, for observers (tests, the demo's live view, logs). */
export interface LockLinkExchange {
  request: Uint8Array;
  reply: Uint8Array;
  /** The decoded request; undefined when the frame was refused. */
  decoded?: LockLinkRequest;
  /** Set when the frame was refused or the lock failed (the code sent back). */
  error?: 'malformed-frame' | 'unknown-operation' | 'lock-failed';
}

export interface LockLinkResponderOptions {
  onExchange?: (exchange: LockLinkExchange) => void;
  /** Told about a lock that threw (a bug, not a refusal); the holder gets `lock-failed`. */
  onLockError?: (error: unknown) => void;
}

export class LockLinkResponder {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly lock: Lock,
    private readonly options: LockLinkResponderOptions = {},
  ) {}

  /** Answers one request frame with one reply frame, after the requests before it. */
  answer(frame: Uint8Array): Promise<Uint8Array> {
    const run = this.queue.then(() => this.run(frame));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(frame: Uint8Array): Promise<Uint8Array> {
    let request: LockLinkRequest;
    try {
      request = decodeLockLinkRequest(frame);
    } catch (error) {
      if (!isProtocolError(error)) throw error;
      this.lock.countUnreadableMessage();
      const code = error instanceof UnknownOperationError ? 'unknown-operation' : 'malformed-frame';
      return this.send(frame, { id: readLockLinkRequestId(frame), error: code });
    }
    let reply: LockLinkReply;
    try {
      reply = await this.perform(request);
    } catch (error) {
      this.options.onLockError?.(error);
      return this.send(
        frame,
        { id: request.id, operation: request.operation, error: 'lock-failed' },
        request,
      );
    }
    return this.send(frame, reply, request);
  }

  private send(frame: Uint8Array, reply: LockLinkReply, decoded?: LockLinkRequest): Uint8Array {
    const bytes = encodeLockLinkReply(reply);
    this.options.onExchange?.({
      request: frame,
      reply: bytes,
      ...(decoded ? { decoded } : {}),
      ...('error' in reply ? { error: reply.error as LockLinkExchange['error'] } : {}),
    });
    return bytes;
  }

  private async perform(request: LockLinkRequest): Promise<LockLinkReply> {
    const { id, operation } = request;
    const lock = this.lock;
    const payload = request.payload!;
    const decided = (result: OpenResult | AcceptResult): LockLinkReply => ({
      id,
      operation,
      ...('reason' in result ? { refusal: result.reason } : {}),
    });
    const offered = (bytes: Uint8Array | undefined): LockLinkReply => ({
      id,
      operation,
      ...(bytes ? { payload: bytes } : {}),
    });
    const handlers: Record<LockLinkOperation, () => Promise<LockLinkReply>> = {
      'issue-challenge': async () => ({ id, operation, payload: lock.issueChallenge() }),
      open: async () => decided(await lock.open(payload)),
      'accept-issuer-key-set': async () => decided(await lock.acceptIssuerKeySet(payload)),
      'offer-issuer-key-set': async () => offered(lock.offerIssuerKeySet()),
      'accept-block-list': async () => decided(await lock.acceptBlockList(payload)),
      'offer-block-list': async () => offered(lock.offerBlockList()),
      'accept-time-attestation': async () => decided(await lock.acceptTimeAttestation(payload)),
      'hand-over-records': async () => {
        const batch = await lock.handOverRecords();
        return offered(batch ? encodeRecordBatch(batch) : undefined);
      },
    };
    return handlers[operation]();
  }
}
