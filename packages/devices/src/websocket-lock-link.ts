// The lock link over a WebSocket: the loopback transport to simulated locks (tests, the demo),
// one lock-link frame per binary message (docs/protocol.md §12.4). Works with the browser's
// WebSocket and, in Node (20 has no global one), with the `ws` package's, passed as `WebSocket`.
import { FramedLockLink, type FramedLockLinkOptions, type FrameTransport } from './framed-lock-link';
import { LockLinkError } from './lock-link';

/** The part of the WebSocket API the link uses (the browser's and `ws`'s both have it). */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** Where a lock host serves lock `lockId` (its registry id, which is also its device id). */
export const lockSimPathPrefix = '/lock-sim/';

/** Close code a lock host sends when it has no lock of that id. */
export const unknownLockCloseCode = 4404;

/** The WebSocket URL of lock `lockId` on the host at `baseUrl` (http(s) or ws(s)). */
export function lockSimUrl(baseUrl: string, lockId: string): string {
  const url = new URL(`${lockSimPathPrefix}${encodeURIComponent(lockId)}`, baseUrl);
  url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
  return url.toString();
}

const openState = 1;

/** Frames over an open WebSocket: binary messages only; a text message ends the link. */
export class WebSocketFrameTransport implements FrameTransport {
  /** Settles with why the socket closed, once it has. */
  private readonly whenClosed: Promise<LockLinkError>;

  constructor(private readonly socket: WebSocketLike) {
    socket.binaryType = 'arraybuffer';
    this.whenClosed = new Promise((resolve) =>
      socket.addEventListener('close', (event: { code: number; reason: string }) =>
        resolve(closeError(event)),
      ),
    );
  }

  async send(frame: Uint8Array): Promise<void> {
    if (this.socket.readyState === openState) {
      this.socket.send(frame);
      return;
    }
    // Closing already: fail with the reason the far end gives (e.g. unknown-lock), once it arrives.
    const later = new Promise<LockLinkError>((resolve) =>
      setTimeout(() => resolve(new LockLinkError('link-closed', 'the WebSocket is not open')), 2000),
    );
    throw await Promise.race([this.whenClosed, later]);
  }

  listen(receive: (frame: Uint8Array) => void, closed: (error: LockLinkError) => void): void {
    this.socket.addEventListener('message', (event: { data: unknown }) => {
      const bytes = toBytes(event.data);
      if (bytes) receive(bytes);
      else this.socket.close(1003, 'lock-link frames are binary');
    });
    void this.whenClosed.then(closed);
  }

  async close(): Promise<void> {
    this.socket.close(1000, 'done');
  }
}

/** Why a socket closed, as a link error: 4404 from a lock host means it has no such lock. */
function closeError(event: { code: number; reason: string }): LockLinkError {
  const detail = `closed (${event.code}${event.reason ? `: ${event.reason}` : ''})`;
  return new LockLinkError(event.code === unknownLockCloseCode ? 'unknown-lock' : 'link-closed', detail);
}

/** Bytes of a binary message as the browser or `ws` delivers it; undefined for text. */
export function toBytes(data: unknown): Uint8Array | undefined {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (Array.isArray(data) && data.every((part) => ArrayBuffer.isView(part))) {
    const parts = data as Uint8Array[];
    const joined = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    let at = 0;
    for (const part of parts) {
      joined.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), at);
      at += part.byteLength;
    }
    return joined;
  }
  return undefined;
}

export interface WebSocketLockLinkOptions extends FramedLockLinkOptions {
  /** The WebSocket class: the browser's by default; in Node pass `WebSocket` from `ws`. */
  WebSocket?: WebSocketConstructor;
}

/**
 * Connects to a simulated lock at `url` (see `lockSimUrl`) and returns the link once the socket is
 * open. Fails with `unknown-lock` when the host has no such lock, `link-closed` when it cannot connect.
 */
export async function connectWebSocketLockLink(
  url: string,
  options: WebSocketLockLinkOptions = {},
): Promise<FramedLockLink> {
  const Socket = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!Socket) throw new LockLinkError('link-closed', 'no WebSocket here: pass one (in Node: ws)');
  const socket = new Socket(url);
  socket.binaryType = 'arraybuffer';
  const link = new FramedLockLink(new WebSocketFrameTransport(socket), options);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('close', (event: { code: number; reason: string }) =>
      reject(
        event.code === unknownLockCloseCode
          ? closeError(event)
          : new LockLinkError('link-closed', `could not connect to ${url} (${event.code})`),
      ),
    );
  });
  return link;
}
