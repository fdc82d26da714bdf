import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CurrentActor, errorResponses, LoginResponse } from '@portvakt/contract';
import { passkeyEnrolmentSeconds } from '@portvakt/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context';
import { declareRoutes } from '../platform/declare-routes';
import { ApiError } from '../platform/errors';
import { csrfCookie, sessionCookie } from './auth';
import { changePassword } from './change-password';
import { logIn } from './log-in';
import { logOut } from './log-out';
import { readCookieOptions, setSessionCookies } from './session-cookies';
import { passkeyEnrolmentCookie, passkeyEnrolmentPath } from './passkey-enrolment';

const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

const PasswordChange = Type.Object(
  { currentPassword: Type.String({ maxLength: 200 }), newPassword: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);

/** 429 with Retry-After: how long until the throttle lets this account or address try again. */
export function tooManyAttempts(reply: FastifyReply, lockedUntil: Date): ApiError {
  const seconds = Math.max(1, Math.ceil((lockedUntil.getTime() - Date.now()) / 1000));
  void reply.header('retry-after', String(seconds));
  return new ApiError(
    429,
    'too_many_attempts',
    `Too many failed attempts; try again in ${Math.ceil(seconds / 60)} minutes.`,
  );
}

export function registerAuthRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const cookieOptions = readCookieOptions(context);

  typed.post(
    '/api/v1/auth/login',
    {
      config: { isPublic: true },
      schema: {
        tags: ['auth'],
        summary: 'Log in with username and password; sets a session cookie',
        body: LoginBody,
        response: { 200: LoginResponse, ...errorResponses, 429: Type.Ref('Error') },
      },
    },
    async (request, reply) => {
      const result = await logIn({
        db: context.pool,
        input: { ...request.body, address: request.ip },
        requestId: request.id,
      });
      if (result.kind === 'locked') throw tooManyAttempts(reply, result.lockedUntil);
      if (result.kind === 'refused')
        throw new ApiError(401, 'invalid_credentials', 'Wrong username or password.');
      if (result.kind === 'passkey_required')
        throw new ApiError(
          403,
          'passkey_required',
          'This account signs in with its passkey, not a password alone.',
        );
      if (result.kind === 'passkey_enrolment') {
        void reply.setCookie(passkeyEnrolmentCookie, result.enrolmentToken, {
          ...cookieOptions,
          path: passkeyEnrolmentPath,
          httpOnly: true,
          maxAge: passkeyEnrolmentSeconds,
        });
        throw new ApiError(
          403,
          'passkey_enrolment_required',
          'This account must sign in with a passkey and has none yet: register one now to sign in.',
        );
      }
      setSessionCookies(reply, context, result);
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  const routes = declareRoutes(app, { tags: ['auth'], context });
  routes.post('/api/v1/auth/logout', {
    summary: 'End the current session',
    response: Type.Null(),
    status: 204,
    handle: async ({ request, reply, options }) => {
      await logOut({ ...options, input: { sessionIdHash: request.sessionIdHash } });
      void reply.clearCookie(sessionCookie, cookieOptions).clearCookie(csrfCookie, cookieOptions);
    },
  });

  routes.get('/api/v1/auth/me', {
    summary: 'Who is logged in',
    response: CurrentActor,
    handle: async ({ actor }) => ({
      ...actor,
      displayName: actor.displayName?.trim() || null,
      providerId: actor.providerId ?? null,
      staffMemberId: actor.staffMemberId ?? null,
      propertyOwnerId: actor.propertyOwnerId ?? null,
      locksmithCompanyId: actor.locksmithCompanyId ?? null,
    }),
  });

  routes.post('/api/v1/auth/password', {
    summary: 'Change your own password; ends your other sessions',
    body: PasswordChange,
    response: Type.Null(),
    status: 204,
    handle: async ({ request, reply, options }) => {
      const result = await changePassword({ ...options, input: request.body });
      if (result.kind === 'locked') throw tooManyAttempts(reply, result.lockedUntil);
      void reply.clearCookie(sessionCookie, cookieOptions).clearCookie(csrfCookie, cookieOptions);
    },
  });
}
