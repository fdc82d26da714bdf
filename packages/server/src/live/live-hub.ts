// One per app: the process's LISTEN connection for live notices (started with the first stream)
// and the open streams, which it ends when the server stops so shutdown never waits on a browser.
import { listenForLiveNotices, type LiveListener, type LiveNotice } from '@portvakt/storage';
import type pg from 'pg';

type Subscriber = (notice: LiveNotice) => void;

export class LiveHub {
  private listener: LiveListener | undefined;
  private starting: Promise<void> | undefined;
  private readonly subscribers = new Set<Subscriber>();
  private readonly streamEnds = new Set<() => void>();
  private isClosed = false;

  constructor(private readonly pool: pg.Pool) {}

  /** Calls `subscriber` with every notice of any municipality until the returned function is called. */
  async subscribe(subscriber: Subscriber): Promise<() => void> {
    if (this.isClosed) throw new Error('the live hub is closed');
    this.subscribers.add(subscriber);
    try {
      await this.listen();
    } catch (error) {
      this.subscribers.delete(subscriber);
      throw error;
    }
    return () => this.subscribers.delete(subscriber);
  }

  /** Registers how to end an open stream; the returned function forgets it (the stream ended). */
  trackStream(end: () => void): () => void {
    this.streamEnds.add(end);
    return () => this.streamEnds.delete(end);
  }

  get openStreams(): number {
    return this.streamEnds.size;
  }

  /** Ends every open stream and stops listening (the server is stopping). */
  async close(): Promise<void> {
    this.isClosed = true;
    for (const end of [...this.streamEnds]) end();
    this.streamEnds.clear();
    this.subscribers.clear();
    await this.starting?.catch(() => undefined);
    await this.listener?.close().catch(() => undefined);
    this.listener = undefined;
  }

  private listen(): Promise<void> {
    if (this.listener) return Promise.resolve();
    this.starting ??= listenForLiveNotices(
      this.pool,
      (notice) => {
        for (const subscriber of this.subscribers) subscriber(notice);
      },
      () => {
        // The connection failed: streams may have missed notices, so end them; browsers
        // reconnect with Last-Event-ID and catch up, and the next stream listens again.
        this.listener = undefined;
        for (const end of [...this.streamEnds]) end();
      },
    )
      .then((listener) => {
        if (this.isClosed) return listener.close();
        this.listener = listener;
      })
      .finally(() => {
        this.starting = undefined;
      });
    return this.starting;
  }
}
