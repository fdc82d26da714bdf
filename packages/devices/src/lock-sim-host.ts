// Simulated locks reachable over WebSockets (docs/device-gateway.md "Simulated locks"): the host
// keeps `Lock`s by their registry id and answers each socket at `/lock-sim/{lockId}` with that
// lock's responder. It is transport-neutral: `portvakt lock-sim` gives it sockets from `ws`, the
// server (for tests and the demo) from @fastify/websocket. A socket to a lock the host does not
// have is closed with 4404 at once.
import type { Lock } from './lock.device';
import type { LockLinkExchange } from './lock-link-responder';
import { LockLinkResponder } from './lock-link-responder';
import { toBytes, unknownLockCloseCode, type WebSocketLike } from './websocket-lock-link';

export interface LockSimHostOptions {
  /** Every request answered, with the lock's id (tests verify signatures from it; logs). */
  onExchange?: (lockId: string, exchange: LockLinkExchange) => void;
  onLockError?: (lockId: string, error: unknown) => void;
}

export class LockSimHost {
  private readonly responders = new Map<string, LockLinkResponder>();

  constructor(private readonly options: LockSimHostOptions = {}) {}

  /** Serves `lock` as `lockId` (replacing a lock served under that id before). */
  add(lockId: string, lock: Lock): void {
    const id = lockId.toLowerCase();
    this.responders.set(
      id,
      new LockLinkResponder(lock, {
        onExchange: (exchange) => this.options.onExchange?.(id, exchange),
        onLockError: (error) => this.options.onLockError?.(id, error),
      }),
    );
  }

  remove(lockId: string): void {
    this.responders.delete(lockId.toLowerCase());
  }

  lock(lockId: string): Lock | undefined {
    return this.responders.get(lockId.toLowerCase())?.lock;
  }

  get lockIds(): string[] {
    return [...this.responders.keys()];
  }

  /** Answers the frames arriving on `socket` for lock `lockId`, each with one reply, in order. */
  serve(socket: WebSocketLike, lockId: string): void {
    const responder = this.responders.get(lockId.toLowerCase());
    if (!responder) {
      socket.close(unknownLockCloseCode, 'unknown-lock');
      return;
    }
    socket.binaryType = 'arraybuffer';
    let replies: Promise<unknown> = Promise.resolve();
    socket.addEventListener('message', (event: { data: unknown }) => {
      // A text message is not a frame: the responder refuses it like any unreadable frame.
      const frame = toBytes(event.data) ?? new Uint8Array(0);
      const reply = responder.answer(frame);
      replies = replies
        .then(() => reply)
        .then((bytes) => {
          if (socket.readyState === 1) socket.send(bytes);
        })
        .catch((error: unknown) => {
          this.options.onLockError?.(lockId, error);
          socket.close(1011, 'lock-failed');
        });
    });
  }
}
