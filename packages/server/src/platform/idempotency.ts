// The `Idempotency-Key` header of writing requests (issue #16 item 2, docs/idempotency.md): a
// client that retries after a failover, with the same key, gets the first answer instead of a
// second record. Every POST, PUT, PATCH and DELETE under /api/ for a logged-in account (session
// or API token) takes part; the route's handler runs with the key as a claim that its first
// writing transaction inserts inside itself (storage's `withTransaction`), so the key is kept
// exactly when the writes are. The answer is stored once it is made, before it is sent.
import { createHash } from 'node:crypto';
import type { Actor } from '@portvakt/core';
import {
  findIdempotencyRecord,
  IdempotencyKeyTaken,
  insertAnsweredIdempotencyRecord,
  runWithIdempotencyClaim,
  storeIdempotentResponse,
  type IdempotencyClaim,
  type IdempotencyRecord,
} from '@portvakt/storage';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { readClock, type AppContext } from './context';
import { ApiError, errorBody } from './errors';

export const idempotencyKeyHeader = 'idempotency-key';
export const replayedHeader = 'idempotent-replayed';

/** How long a key and its answer are kept. */
export const idempotencyKeptMs = 24 * 60 * 60 * 1000;
/**
 * How long a key claimed without a stored answer counts as still in progress: the answer is
 * stored right after the commit, so a row older than this lost its answer (the process died).
 */
export const unansweredAfterMs = 30_000;

const maxKeyLength = 200;
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The request's key: undefined without the header, 400 `invalid_idempotency_key` when malformed. */
export function readIdempotencyKey(headers: FastifyRequest['headers']): string | undefined {
  const value = headers[idempotencyKeyHeader];
  if (value === undefined) return undefined;
  // Printable ASCII only (a UUID, a ULID, a client's own counter): what every client can send
  // and every log can show.
  if (
    typeof value !== 'string' ||
    value.length > maxKeyLength ||
    !/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(value)
  ) {
    throw new ApiError(
      400,
      'invalid_idempotency_key',
      `The Idempotency-Key header must be 1 to ${maxKeyLength} printable ASCII characters, sent once.`,
    );
  }
  return value;
}

/** Who the key belongs to: one account never reaches another's keys or answers. */
export function accountOf(actor: Actor): string {
  return `${actor.kind}:${actor.id}`;
}

/** What the same key must come with again: method, path with query, and body. */
function hashRequest(request: FastifyRequest): Buffer {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n`)
    .update(JSON.stringify(request.body ?? null))
    .digest();
}

const claims = new WeakMap<FastifyRequest, IdempotencyClaim>();

/**
 * Installs the header on every writing API route registered after this call (an `onRoute` hook):
 * the route's handler claims the key, and the route's own `onSend` stores the answer.
 */
export function installIdempotency(app: FastifyInstance, context: AppContext): void {
  const storeClaimedAnswer = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const claim = claims.get(request);
    if (!claim) return payload;
    claims.delete(request);
    await storeAnswer(context, request, reply, claim, payload);
    return payload;
  };
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.some((method) => unsafeMethods.has(method)) || !route.url.startsWith('/api/')) return;
    // Public routes have no account to keep keys by (login, the device gateway, whose signed
    // requests carry nonces and whose uploads are idempotent already).
    if (route.config?.isPublic) return;
    route.handler = withIdempotency(context, route.handler);
    // The answer store sits on these routes alone, so no other request (reads above all) runs it.
    route.onSend = [...[route.onSend ?? []].flat(), storeClaimedAnswer];
  });
}

function withIdempotency(context: AppContext, handler: RouteHandlerMethod): RouteHandlerMethod {
  return async function (this: FastifyInstance, request, reply) {
    const key = unsafeMethods.has(request.method) ? readIdempotencyKey(request.headers) : undefined;
    const actor = request.actor;
    if (key === undefined || !actor) return handler.call(this, request, reply);
    const now = readClock(context);
    const claim: IdempotencyClaim = {
      municipalityId: actor.municipalityId,
      accountId: accountOf(actor),
      key,
      requestHash: hashRequest(request),
      requestId: request.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + idempotencyKeptMs),
      state: 'open',
    };
    const earlier = await findRecord(context, claim, now);
    if (earlier) return answerFromRecord(context, reply, claim, earlier, now);
    claims.set(request, claim);
    try {
      return await runWithIdempotencyClaim(claim, async () => handler.call(this, request, reply));
    } catch (error) {
      if (!(error instanceof IdempotencyKeyTaken)) throw error;
      // Another request with the key is running, or committed since we looked: answer as it did.
      claims.delete(request);
      const record = error.reason === 'taken' ? await findRecord(context, claim, now) : undefined;
      if (record) return answerFromRecord(context, reply, claim, record, now);
      return answerInProgress(reply);
    }
  };
}

function findRecord(context: AppContext, claim: IdempotencyClaim, now: Date) {
  return findIdempotencyRecord(context.pool, claim.municipalityId, claim.accountId, claim.key, now);
}

/** The answer to a key seen before: 422 for another request, its stored answer, or 409. */
function answerFromRecord(
  { fieldCrypto }: AppContext,
  reply: FastifyReply,
  claim: IdempotencyClaim,
  record: IdempotencyRecord,
  now: Date,
): FastifyReply {
  if (!record.requestHash.equals(claim.requestHash)) {
    throw new ApiError(
      422,
      'idempotency_key_reused',
      'This Idempotency-Key was used for another request; use a new key for a new request.',
    );
  }
  if (record.responseStatus === null || record.responseBody === null) {
    if (now.getTime() - record.createdAt.getTime() < unansweredAfterMs) return answerInProgress(reply);
    // The writes committed but the process died before storing the answer (docs/idempotency.md).
    return reply
      .status(409)
      .send(
        errorBody(
          'idempotency_key_unanswered',
          'The request with this Idempotency-Key was carried out, but its answer was lost; read the resource to see the result.',
        ),
      );
  }
  void reply.status(record.responseStatus).header(replayedHeader, 'true');
  if (record.responseContentType) void reply.header('content-type', record.responseContentType);
  // Bytes are sent as they are: a string would be serialised again as JSON.
  return reply.send(Buffer.from(fieldCrypto.decrypt(record.responseBody), 'utf8'));
}

function answerInProgress(reply: FastifyReply): FastifyReply {
  return reply
    .status(409)
    .header('retry-after', '1')
    .send(
      errorBody(
        'idempotency_key_in_progress',
        'A request with this Idempotency-Key is still being carried out; try again in a moment.',
      ),
    );
}

/**
 * Stores the answer for the key: after a committed claim any answer but a server error (which
 * the retry must run again); after a request whose writes took no transaction (nothing claimed)
 * a success, inserted now. A failure to store is logged: the client still gets its answer.
 */
async function storeAnswer(
  context: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  claim: IdempotencyClaim,
  payload: unknown,
): Promise<void> {
  const state = claim.state;
  // Anything the request left running claims nothing any more.
  claim.state = 'closed';
  const status = reply.statusCode;
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload) && payload !== null && payload !== undefined)
    return; // a stream (a file): not kept; the retry of such a request runs again
  const contentType = reply.getHeader('content-type');
  const response = {
    status,
    contentType: typeof contentType === 'string' ? contentType : null,
    body: context.fieldCrypto.encrypt(payload === null || payload === undefined ? '' : String(payload)),
  };
  try {
    if (state === 'committed' && status < 500) await storeIdempotentResponse(context.pool, claim, response);
    else if (state === 'open' && status >= 200 && status < 300)
      await insertAnsweredIdempotencyRecord(context.pool, claim, response);
  } catch (error) {
    request.log.warn({ err: error }, 'could not store the answer of an idempotent request');
  }
}
