// The framed lock link against the lock's responder, joined by an in-memory transport that copies
// each frame: the same exchange as the in-process link, byte for byte through the frame codec.
import { encodeLockLinkRequest, verifyRecordBatch } from '@portvakt/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { FramedLockLink, type FrameTransport } from './framed-lock-link';
import { InProcessLockLink, LockLinkError, toLockLink } from './lock-link';
import { LockLinkResponder, type LockLinkExchange } from './lock-link-responder';
import type { Lock } from './lock.device';
import type { TestSite } from './testing';
import { createTestSite } from './testing';

/** A transport whose other end is the lock's responder; `drop` makes the lock side go silent. */
class MemoryTransport implements FrameTransport {
  private receive: ((frame: Uint8Array) => void) | undefined;
  private closed: ((error: LockLinkError) => void) | undefined;
  isSilent = false;
  constructor(private readonly responder: LockLinkResponder) {}
  async send(frame: Uint8Array): Promise<void> {
    const reply = await this.responder.answer(frame.slice());
    if (!this.isSilent) queueMicrotask(() => this.receive?.(reply.slice()));
  }
  listen(receive: (frame: Uint8Array) => void, closed: (error: LockLinkError) => void): void {
    this.receive = receive;
    this.closed = closed;
  }
  async close(): Promise<void> {
    this.closed?.(new LockLinkError('link-closed', 'closed'));
  }
}

let site: TestSite;
let exchanges: LockLinkExchange[];
function linkTo(lock: Lock, options = {}): { link: FramedLockLink; transport: MemoryTransport } {
  const transport = new MemoryTransport(
    new LockLinkResponder(lock, { onExchange: (exchange) => exchanges.push(exchange) }),
  );
  return { link: new FramedLockLink(transport, options), transport };
}

beforeEach(async () => {
  site = await createTestSite();
  exchanges = [];
  expect(await site.box.activate(site.keyA, '1234')).toMatchObject({ isActivated: true });
});

describe('lock link', () => {
  it('adapts a Lock in process, and takes a link as it is', () => {
    const adapted = toLockLink(site.lock);
    expect(adapted).toBeInstanceOf(InProcessLockLink);
    expect(toLockLink(adapted)).toBe(adapted);
  });

  it('opens through frames as through the in-process link, and carries the lock’s records back', async () => {
    const { link } = linkTo(site.lock);
    expect(await site.keyA.openLock(link)).toEqual({ isOpen: true });
    expect(exchanges.map((e) => e.decoded?.operation)).toEqual([
      'issue-challenge',
      'open',
      'offer-issuer-key-set',
      'accept-block-list',
      'offer-block-list',
      'hand-over-records',
    ]);
    const [batch] = site.keyA.takeCarriedRecords();
    const { records } = await verifyRecordBatch(batch!, site.signers.lock.publicKey);
    expect(records.at(-1)).toMatchObject({ kind: 'open-attempt', result: 'ok', verified: true });
    // The same key, the same lock, in process: the same outcome.
    expect(await site.keyA.openLock(site.lock)).toEqual({ isOpen: true });
  });

  it('returns the lock’s refusal as a result: key B has no ticket, a wrong answer is stale', async () => {
    const { link } = linkTo(site.lock);
    expect(await site.keyB.openLock(link)).toEqual({ isOpen: false, reason: 'no-ticket' });
    const challenge = await link.issueChallenge();
    const presentation = (await site.keyA.respond(challenge))!;
    await link.issueChallenge(); // a newer challenge replaces the one answered
    expect(await link.open(presentation)).toEqual({ isOpen: false, reason: 'stale-challenge' });
  });

  it('refuses a malformed frame whole and counts it, leaving the outstanding challenge as it was', async () => {
    const { link } = linkTo(site.lock);
    const responder = new LockLinkResponder(site.lock, { onExchange: (e) => exchanges.push(e) });
    const challenge = await link.issueChallenge();
    const presentation = (await site.keyA.respond(challenge))!;
    // A well-formed open request with one byte more: not canonical, so refused before the lock.
    const frame = encodeLockLinkRequest({ id: 9, operation: 'open', payload: presentation });
    const padded = new Uint8Array([...frame, 0]);
    const reply = await responder.answer(padded);
    expect(exchanges.at(-1)).toMatchObject({ error: 'malformed-frame' });
    expect(reply.length).toBeGreaterThan(0);
    expect(await link.open(presentation)).toEqual({ isOpen: true });
    const batch = (await link.handOverRecords())!;
    const { records } = await verifyRecordBatch(batch, site.signers.lock.publicKey);
    expect(records).toContainEqual(
      expect.objectContaining({ kind: 'open-attempt', reason: 'malformed', verified: false, count: 1 }),
    );
    expect(records.at(-1)).toMatchObject({ kind: 'open-attempt', result: 'ok', verified: true });
  });

  it('fails with timeout when the lock side goes silent', async () => {
    const { link, transport } = linkTo(site.lock, { timeoutMs: 50 });
    transport.isSilent = true;
    await expect(link.issueChallenge()).rejects.toMatchObject({ code: 'timeout' });
    await link.close();
    await expect(link.issueChallenge()).rejects.toBeInstanceOf(LockLinkError);
  });
});
