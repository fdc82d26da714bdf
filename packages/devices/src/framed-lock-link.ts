// A LockLink that sends each operation as a request frame (protocol's lock-link-frame.ts) over some
// transport and waits for the reply with the same id. The WebSocket and Web Bluetooth links differ
// only in the transport they give it, so a holder's exchange is byte for byte the same over both.
import type { LockLinkOperation, LockLinkReply, RecordBatch, Reason } from '@portvakt/protocol';
import {
  decodeLockLinkReply,
  decodeRecordBatch,
  encodeLockLinkRequest,
  isProtocolError,
  maxUint32,
} from '@portvakt/protocol';
import type { AcceptResult, OpenResult } from './lock-config';
import type { LockLink } from './lock-link';
import { LockLinkError } from './lock-link';

/** How frames move: one call sends one whole frame; `receive` is called with each whole frame. */
export interface FrameTransport {
  send(frame: Uint8Array): Promise<void>;
  /**
   * Registers the one receiver of incoming frames and the one listener for the link ending (with
   * why: `link-closed`, or `unknown-lock` when the far end said it has no such lock).
   */
  listen(receive: (frame: Uint8Array) => void, closed: (error: LockLinkError) => void): void;
  close(): Promise<void>;
}

export interface FramedLockLinkOptions {
  /** How long to wait for a reply before failing with `timeout` (default 10 s: a radio can be slow). */
  timeoutMs?: number;
}

interface Pending {
  id: number;
  operation: LockLinkOperation;
  resolve(reply: LockLinkReply): void;
  reject(error: LockLinkError): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * One request at a time (a lock serves one exchange, in order); a reply for another id is
 * ignored, an unreadable reply or a closed transport fails the request in flight.
 */
export class FramedLockLink implements LockLink {
  private nextId = 1;
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closedError: LockLinkError | undefined;
  private readonly timeoutMs: number;

  constructor(
    private readonly transport: FrameTransport,
    options: FramedLockLinkOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    transport.listen(
      (frame) => this.receive(frame),
      (error) => {
        this.closedError ??= error;
        this.fail(error);
      },
    );
  }

  async issueChallenge(): Promise<Uint8Array> {
    return this.expectBytes(await this.call('issue-challenge'));
  }

  async open(presentation: Uint8Array): Promise<OpenResult> {
    const refusal = this.decision(await this.call('open', presentation));
    return refusal ? { isOpen: false, reason: refusal } : { isOpen: true };
  }

  async acceptIssuerKeySet(bytes: Uint8Array): Promise<AcceptResult> {
    return this.acceptance(await this.call('accept-issuer-key-set', bytes));
  }

  async offerIssuerKeySet(): Promise<Uint8Array | undefined> {
    return (await this.call('offer-issuer-key-set')).payload;
  }

  async acceptBlockList(bytes: Uint8Array): Promise<AcceptResult> {
    return this.acceptance(await this.call('accept-block-list', bytes));
  }

  async offerBlockList(): Promise<Uint8Array | undefined> {
    return (await this.call('offer-block-list')).payload;
  }

  async acceptTimeAttestation(bytes: Uint8Array): Promise<AcceptResult> {
    return this.acceptance(await this.call('accept-time-attestation', bytes));
  }

  async handOverRecords(): Promise<RecordBatch | undefined> {
    const { payload } = await this.call('hand-over-records');
    if (!payload) return undefined;
    try {
      return decodeRecordBatch(payload);
    } catch (error) {
      if (isProtocolError(error)) throw new LockLinkError('malformed-reply', error.message);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closedError ??= new LockLinkError('link-closed', 'closed by the holder');
    this.fail(this.closedError);
    await this.transport.close();
  }

  private acceptance(reply: { refusal?: Reason }): AcceptResult {
    const refusal = this.decision(reply);
    return refusal ? { isAccepted: false, reason: refusal } : { isAccepted: true };
  }

  private decision(reply: { refusal?: Reason }): Reason | undefined {
    return reply.refusal;
  }

  private expectBytes(reply: { payload?: Uint8Array }): Uint8Array {
    if (!reply.payload) throw new LockLinkError('malformed-reply', 'the reply carries no bytes');
    return reply.payload;
  }

  /** Sends one request after the previous one has been answered; resolves with its reply. */
  private call(
    operation: LockLinkOperation,
    payload?: Uint8Array,
  ): Promise<{ refusal?: Reason; payload?: Uint8Array }> {
    const run = this.queue.then(() => this.send(operation, payload));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async send(
    operation: LockLinkOperation,
    payload?: Uint8Array,
  ): Promise<{ refusal?: Reason; payload?: Uint8Array }> {
    if (this.closedError) throw this.closedError;
    const id = this.nextId;
    this.nextId = id >= maxUint32 ? 1 : id + 1;
    const replied = new Promise<LockLinkReply>((resolve, reject) => {
      const timer = setTimeout(
        () => this.fail(new LockLinkError('timeout', `no reply to ${operation} in ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      this.pending = { id, operation, resolve, reject, timer };
    });
    try {
      await this.transport.send(encodeLockLinkRequest({ id, operation, ...(payload ? { payload } : {}) }));
    } catch (error) {
      this.fail(error instanceof LockLinkError ? error : new LockLinkError('link-closed', String(error)));
    }
    const reply = await replied;
    if ('error' in reply)
      throw new LockLinkError(reply.error, `the lock side answered ${operation} with ${reply.error}`);
    return reply;
  }

  private receive(frame: Uint8Array): void {
    const pending = this.pending;
    if (!pending) return;
    let reply: LockLinkReply;
    try {
      reply = decodeLockLinkReply(frame);
    } catch (error) {
      if (!isProtocolError(error)) throw error;
      this.fail(new LockLinkError('malformed-reply', error.message));
      return;
    }
    // An error about a request the lock could not even read carries id 0: it is about this one.
    if (reply.id !== pending.id && !(reply.id === 0 && 'error' in reply)) return;
    if (!('error' in reply) && reply.operation !== pending.operation) {
      this.fail(new LockLinkError('malformed-reply', `a ${reply.operation} reply to ${pending.operation}`));
      return;
    }
    clearTimeout(pending.timer);
    this.pending = undefined;
    pending.resolve(reply);
  }

  private fail(error: LockLinkError): void {
    const pending = this.pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending = undefined;
    pending.reject(error);
  }
}
