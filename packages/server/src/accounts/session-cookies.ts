// The cookies a console session travels in, set alike by every way in (password, passkey, the
// municipality's identity provider), so nothing after the login can tell them apart.
import { sessionLifetimeMs } from '@portvakt/core';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../platform/context';
import { csrfCookie, sessionCookie } from './auth';

/** The options of every console cookie: the whole site, same-site strict, secure as configured. */
export function readCookieOptions(context: AppContext) {
  return { path: '/', sameSite: 'strict' as const, secure: context.isCookieSecure };
}

/** Sets the session's cookie and its CSRF token's, both for the session's lifetime. */
export function setSessionCookies(
  reply: FastifyReply,
  context: AppContext,
  session: { sessionId: string; csrfToken: string },
): FastifyReply {
  const options = readCookieOptions(context);
  const maxAge = sessionLifetimeMs / 1000;
  return (
    reply
      .setCookie(sessionCookie, session.sessionId, { ...options, httpOnly: true, maxAge })
      // Readable by our own pages so they can echo it in X-CSRF-Token (double submit).
      .setCookie(csrfCookie, session.csrfToken, { ...options, httpOnly: false, maxAge })
  );
}
