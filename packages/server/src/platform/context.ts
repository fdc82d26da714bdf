import type { Actor } from '@portvakt/core';
import type { Queryable } from '@portvakt/storage';
import type pg from 'pg';
import type { Mailer } from './mail';
import type { FieldCrypto } from './secrets';

/** What every route needs: the database and the secrets, created once per app. */
export interface AppContext {
  pool: pg.Pool;
  fieldCrypto: FieldCrypto;
  isCookieSecure: boolean;
  /** 32-byte master key: seals issuer private keys. */
  masterKey: Buffer;
  /**
   * The clock of rules that depend on today (a month's lock date, nothing in the future); the
   * wall clock unless a test fixes it, so no test depends on the date it runs, or the live demo
   * runs the server on its simulation's clock (`ServerExtras.now`).
   */
  now?: () => Date;
  /** Outgoing mail; the log (messages marked as not sent) when absent. */
  mailer?: Mailer;
  /** Where people reach the server, for links in e-mails (set once the server listens when not configured). */
  publicUrl?: string;
  /** Passkeys' relying party id and the origins their ceremonies may come from; else `publicUrl`'s. */
  passkeys?: { rpId?: string; origins?: string[] };
}

/** The context's clock reading. */
export function readClock(context: Pick<AppContext, 'now'>): Date {
  return context.now?.() ?? new Date();
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook on every protected route. */
    actor: Actor | undefined;
    /** Hash of the session id when the request came with a session cookie. */
    sessionIdHash: Buffer | undefined;
  }
  interface FastifyContextConfig {
    /** Routes reachable without logging in (health, login, OpenAPI). */
    isPublic?: boolean;
  }
}

/** The authenticated actor; the auth hook guarantees it on protected routes. */
export function requireActor(request: { actor: Actor | undefined }): Actor {
  if (!request.actor) throw new Error('Route reached without authentication');
  return request.actor;
}

/**
 * What a use case (`<capability>/<verb-noun>.ts`) is given: the database (a pool, or a client
 * already in a transaction), who acts, the validated input, and the request id its audit entries
 * carry.
 */
export interface UseCaseOptions<Input, Db extends Queryable = pg.Pool> {
  db: Db;
  actor: Actor;
  input: Input;
  requestId: string;
}

/** What a use case that only reads is given: as `UseCaseOptions`, without a request id (it audits nothing). */
export type ReadOptions<Input, Db extends Queryable = pg.Pool> = Omit<UseCaseOptions<Input, Db>, 'requestId'>;

/** What a write use case judged against today is given: as `UseCaseOptions`, with the request's clock reading. */
export type WriteOptions<Input> = UseCaseOptions<Input> & { now: Date };

/**
 * What a use case behind a public single-use link is given (the consent e-service, a relative's
 * invitation, a locksmith's arrival): no actor, the link's token is the only credential.
 */
export interface LinkUseOptions {
  db: pg.Pool;
  token: string;
  now: Date;
}

/** What a link's use case that writes is given: as `LinkUseOptions`, with the request id its audit entry carries. */
export type LinkWriteOptions<Input> = LinkUseOptions & { input: Input; requestId: string };
