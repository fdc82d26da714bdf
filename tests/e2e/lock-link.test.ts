// Issue #14 point 2: the lock link's loopback transport end to end. A real server hosts simulated
// locks (enrolled through its API) on WebSockets at /lock-sim/{lockId}; a phone logged in against
// that server opens one by running the real protocol through the framed link over a real socket,
// and the test checks the evidence itself: the lock's record batch verifies under the lock's
// enrolled key, and the presentation that crossed the socket was signed by the phone's enrolled
// key. A blocked phone is refused once the lock has learned the block from another key, and frames
// that do not decode are refused whole, counted by the lock, and change nothing else.
import {
  connectWebSocketLockLink,
  LockLinkError,
  LockSimHost,
  lockSimUrl,
  ManualWorldClock,
  type LockLink,
  type LockLinkExchange,
} from '@portvakt/devices';
import {
  decodeLockLinkReply,
  decodePresentation,
  decodeRecordBatch,
  encodeFieldMap,
  encodeLockLinkRequest,
  equalBytes,
  importPublicJwk,
  parseKeyResponse,
  uuidToBytes,
  verifyCoseSignature,
  verifyRecordBatch,
  type LockLinkReply,
  type PublicJwk,
} from '@portvakt/protocol';
import { testPassword } from '@portvakt/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createVisitDayWorld, type VisitDayWorld } from './visit-day.world';

// Tuesday 3 March 2026 in Stockholm (UTC+1): the world's and the server's clock, fixed.
const at = (hhmm: string) => Date.parse(`2026-03-03T${hhmm}:00+01:00`) / 1000;
const world = new ManualWorldClock(at('07:00'));
const moveTo = (time: number) => world.advance(time - world.now());

const exchanges: Array<{ lockId: string; exchange: LockLinkExchange }> = [];
const host = new LockSimHost({ onExchange: (lockId, exchange) => exchanges.push({ lockId, exchange }) });
let w: VisitDayWorld;
let enrolledKeys: Map<string, CryptoKey>;

beforeAll(async () => {
  w = await createVisitDayWorld(world, {}, { lockLoopback: host });
  for (const installed of Object.values(w.locks)) host.add(installed.id, installed.lock);
  const devices = (await w.auditor.get('/api/v1/devices')).body.items as Array<{
    id: string;
    publicJwk: PublicJwk;
  }>;
  enrolledKeys = new Map(
    await Promise.all(devices.map(async (d) => [d.id, await importPublicJwk(d.publicJwk)] as const)),
  );
}, 120_000);
afterAll(async () => w?.server.close());

const connect = (lockId: string) =>
  connectWebSocketLockLink(lockSimUrl(w.server.url, lockId), { WebSocket, timeoutMs: 5000 });

/** A raw socket to a simulated lock: sends what it is given, hands back each reply in turn. */
async function openRawSocket(lockId: string) {
  const socket = new WebSocket(lockSimUrl(w.server.url, lockId));
  socket.binaryType = 'arraybuffer';
  const replies: LockLinkReply[] = [];
  const waiting: Array<(reply: LockLinkReply) => void> = [];
  socket.on('message', (data: ArrayBuffer) => {
    const reply = decodeLockLinkReply(new Uint8Array(data));
    const next = waiting.shift();
    if (next) next(reply);
    else replies.push(reply);
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    send(data: Uint8Array | string): Promise<LockLinkReply> {
      socket.send(data);
      const ready = replies.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
    close: () => socket.close(),
  };
}

describe('the lock link over a WebSocket to a simulated lock served by the server', () => {
  it('opens Karl’s door from Bo’s phone: the lock’s records verify under its enrolled key, the presentation under the phone’s', async () => {
    moveTo(at('08:00'));
    const { phone, id: phoneId, username } = w.boPhone;
    expect(await phone.login(username, testPassword)).toEqual({ isLoggedIn: true });
    const lockId = w.locks.karl.id;
    const seen = exchanges.length;
    const link = await connect(lockId);
    expect(await phone.openLock(link)).toEqual({ isOpen: true });
    await link.close();

    // What crossed the socket: the phone's presentation, signed by the key enrolled for this phone.
    const opened = exchanges.slice(seen).find((e) => e.exchange.decoded?.operation === 'open');
    expect(opened?.lockId).toBe(lockId);
    const presentation = decodePresentation(opened!.exchange.decoded!.payload!);
    const { sign1, response } = parseKeyResponse(presentation.response);
    expect(equalBytes(response.keyId, uuidToBytes(phoneId))).toBe(true);
    expect(response.lock).toBe(w.locks.karl.number);
    expect(await verifyCoseSignature(sign1, enrolledKeys.get(phoneId)!)).toBe(true);
    // ... and by no other enrolled key (Anna's hardware key, say).
    expect(await verifyCoseSignature(sign1, enrolledKeys.get(w.anna.keyId)!)).toBe(false);

    // What came back: the lock's records, signed by the key enrolled for this lock.
    const [batch] = phone.takeCarriedRecords();
    const { records } = await verifyRecordBatch(batch!, enrolledKeys.get(lockId)!);
    expect(records.at(-1)).toMatchObject({
      kind: 'open-attempt',
      result: 'ok',
      verified: true,
      lock: w.locks.karl.number,
      time: at('08:00'),
    });
    expect(equalBytes(records.at(-1)!.keyId!, uuidToBytes(phoneId))).toBe(true);
    // The same batch as sent on the socket, under a key no other device has.
    const handedOver = exchanges
      .slice(seen)
      .find((e) => e.exchange.decoded?.operation === 'hand-over-records');
    const reply = decodeLockLinkReply(handedOver!.exchange.reply) as { payload?: Uint8Array };
    const sent = decodeRecordBatch(reply.payload!);
    expect(sent).toEqual(batch);
    await expect(verifyRecordBatch(batch!, enrolledKeys.get(w.locks.greta.id)!)).rejects.toThrow();

    // The server takes them too: it verifies the lock's chain itself when the phone docks.
    phone.restoreCarriedRecords([batch!]);
    const synced = await w.station.sync(phone);
    expect(synced).toMatchObject({ isSynced: true, receipt: { findings: [] } });
  });

  it('refuses frames it cannot read whole, counts them, and leaves the challenge as it was', async () => {
    moveTo(at('08:10'));
    expect(await w.box.activate(w.anna.key, w.anna.pin)).toMatchObject({ isActivated: true });
    const raw = await openRawSocket(w.locks.greta.id);
    const challenge = await raw.send(encodeLockLinkRequest({ id: 1, operation: 'issue-challenge' }));
    expect(challenge).toMatchObject({ id: 1, operation: 'issue-challenge' });
    const presentation = (await w.anna.key.respond((challenge as { payload: Uint8Array }).payload))!;
    const open = encodeLockLinkRequest({ id: 2, operation: 'open', payload: presentation });

    // Not CBOR; the open request with a byte after it; with a field it may not have; as text;
    // an operation this version does not know: each refused, none reaching the lock's decision.
    expect(await raw.send(new Uint8Array([0xff, 0x00]))).toEqual({ id: 0, error: 'malformed-frame' });
    expect(await raw.send(new Uint8Array([...open, 0]))).toEqual({ id: 0, error: 'malformed-frame' });
    const extraField = encodeFieldMap([
      [1, 3],
      [2, 2],
      [3, presentation],
      [9, 1],
    ]);
    expect(await raw.send(extraField)).toEqual({ id: 0, error: 'malformed-frame' });
    expect(await raw.send('open sesame')).toEqual({ id: 0, error: 'malformed-frame' });
    const unknown = encodeFieldMap([
      [1, 4],
      [2, 99],
    ]);
    expect(await raw.send(unknown)).toEqual({ id: 4, error: 'unknown-operation' });

    // The lock's challenge is still the one Anna answered: the well-formed request opens.
    expect(await raw.send(open)).toEqual({ id: 2, operation: 'open' });
    const handOver = await raw.send(encodeLockLinkRequest({ id: 5, operation: 'hand-over-records' }));
    raw.close();
    const batch = decodeRecordBatch((handOver as { payload: Uint8Array }).payload);
    const { records } = await verifyRecordBatch(batch, enrolledKeys.get(w.locks.greta.id)!);
    // The five unreadable frames, in one aggregate record without an identity; then Anna's opening.
    expect(records).toContainEqual(
      expect.objectContaining({ kind: 'open-attempt', reason: 'malformed', verified: false, count: 5 }),
    );
    expect(records.at(-1)).toMatchObject({ kind: 'open-attempt', result: 'ok', verified: true });
    expect(equalBytes(records.at(-1)!.keyId!, uuidToBytes(w.anna.keyId))).toBe(true);
  });

  it('refuses the phone once it is blocked and the lock has learned it from another key', async () => {
    moveTo(at('09:00'));
    const { phone, id: phoneId } = w.boPhone;
    const blocked = await w.workLead.patch(`/api/v1/keys/${phoneId}`, {
      status: 'lost',
      statusReason: 'Tappad',
    });
    expect(blocked.status).toBe(200);
    // Anna's key learns the block at the box and passes it to Karl's lock as she opens it.
    expect(await w.box.activate(w.anna.key, w.anna.pin)).toMatchObject({ isActivated: true });
    const annaLink = await connect(w.locks.karl.id);
    expect(await w.anna.key.openLock(annaLink)).toEqual({ isOpen: true });
    await annaLink.close();

    // The phone still holds its ticket (it has not been online since): the lock refuses it anyway.
    moveTo(at('09:05'));
    expect(phone.ticket).toBeDefined();
    const link = await connect(w.locks.karl.id);
    expect(await phone.openLock(link)).toEqual({ isOpen: false, reason: 'key-blocked' });
    await link.close();
    // The refusal is recorded with the verified identity of the blocked phone.
    const { records } = await w.locks.karl.lock
      .exportRecords(0)
      .then((batch) => verifyRecordBatch(batch, enrolledKeys.get(w.locks.karl.id)!));
    expect(records.at(-1)).toMatchObject({ kind: 'open-attempt', reason: 'key-blocked', verified: true });
    expect(equalBytes(records.at(-1)!.keyId!, uuidToBytes(phoneId))).toBe(true);
  });

  it('closes a socket to a lock the host does not have with unknown-lock', async () => {
    // The socket opens (a WebSocket client cannot read an HTTP refusal) and is closed with 4404:
    // the link's first operation fails with that reason, and nothing reaches any lock.
    const seen = exchanges.length;
    const link = await connect('00000000-0000-4000-8000-000000000000').catch((error: unknown) => error);
    const failure =
      link instanceof LockLinkError
        ? link
        : await (link as LockLink).issueChallenge().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LockLinkError);
    expect(failure).toMatchObject({ code: 'unknown-lock' });
    expect(exchanges.length).toBe(seen);
  });
});
