import {
  clearThrottle,
  deleteSession,
  deleteUserSessions,
  findUserByUsername,
  insertSession,
  takeThrottleAttempt,
  updateUser,
} from '@portvakt/storage';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { recordChange } from '../audit/audit';
import {
  actorFromUser,
  createSecret,
  csrfCookie,
  hashSecret,
  sessionCookie,
  sessionLifetimeMs,
} from './auth';
import { requireActor, type AppContext } from '../platform/context';
import { ApiError } from '../platform/errors';
import { checkPasswordLogin, userThrottle } from './password-login';
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords';
import { errorResponses } from '../platform/schemas';

const Me = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  municipalityId: Type.String(),
  providerId: Type.Union([Type.String(), Type.Null()]),
  staffMemberId: Type.Union([Type.String(), Type.Null()]),
  propertyOwnerId: Type.Union([Type.String(), Type.Null()]),
});

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
  const cookieOptions = { path: '/', sameSite: 'strict' as const, secure: context.isCookieSecure };

  app.post(
    '/api/v1/auth/login',
    {
      config: { isPublic: true },
      schema: {
        tags: ['auth'],
        summary: 'Log in with username and password; sets a session cookie',
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 100 }),
            password: Type.String({ minLength: 1, maxLength: 200 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            user: Me,
            csrfToken: Type.String({ description: 'Send as X-CSRF-Token on changes.' }),
          }),
          ...errorResponses,
          429: Type.Ref('Error'),
        },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body as { username: string; password: string };
      const result = await checkPasswordLogin(context.pool, {
        username,
        password,
        address: request.ip,
        requestId: request.id,
        channel: 'web',
      });
      if (result.kind === 'locked') throw tooManyAttempts(reply, result.lockedUntil);
      if (result.kind === 'refused')
        throw new ApiError(401, 'invalid_credentials', 'Wrong username or password.');
      const user = result.user;
      const sessionId = createSecret();
      const csrfToken = createSecret();
      await insertSession(context.pool, {
        idHash: hashSecret(sessionId),
        userId: user.id,
        csrfTokenHash: hashSecret(csrfToken),
        expiresAt: new Date(Date.now() + sessionLifetimeMs),
      });
      await recordChange(context.pool, actorFromUser(user), {
        action: 'login',
        entity: 'user_session',
        entityId: user.id,
        requestId: request.id,
      });
      const maxAge = sessionLifetimeMs / 1000;
      void reply.setCookie(sessionCookie, sessionId, { ...cookieOptions, httpOnly: true, maxAge });
      // Readable by our own pages so they can echo it in X-CSRF-Token (double submit).
      void reply.setCookie(csrfCookie, csrfToken, { ...cookieOptions, httpOnly: false, maxAge });
      const { passwordHash: _hash, isDisabled: _disabled, ...me } = user;
      return { user: me, csrfToken };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the current session',
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!request.sessionIdHash)
        throw new ApiError(
          400,
          'no_session',
          'Only a browser session can log out; revoke API tokens instead.',
        );
      await deleteSession(context.pool, request.sessionIdHash);
      await recordChange(context.pool, actor, {
        action: 'logout',
        entity: 'user_session',
        entityId: actor.id,
        requestId: request.id,
      });
      void reply.clearCookie(sessionCookie, cookieOptions).clearCookie(csrfCookie, cookieOptions);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is logged in',
        response: {
          200: Type.Object({
            kind: Type.String(),
            id: Type.String(),
            label: Type.String(),
            role: Type.String(),
            municipalityId: Type.String(),
            providerId: Type.Union([Type.String(), Type.Null()]),
            staffMemberId: Type.Union([Type.String(), Type.Null()]),
            propertyOwnerId: Type.Union([Type.String(), Type.Null()]),
            isReadOnly: Type.Boolean(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return {
        ...actor,
        providerId: actor.providerId ?? null,
        staffMemberId: actor.staffMemberId ?? null,
        propertyOwnerId: actor.propertyOwnerId ?? null,
      };
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your own password; ends your other sessions',
        body: Type.Object(
          { currentPassword: Type.String({ maxLength: 200 }), newPassword: Type.String({ maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (actor.kind !== 'user') throw new ApiError(403, 'forbidden', 'API tokens have no password.');
      const { currentPassword, newPassword } = request.body as {
        currentPassword: string;
        newPassword: string;
      };
      // A stolen session must not become a way to guess the password.
      const attempt = await takeThrottleAttempt(context.pool, `password:${actor.id}`, userThrottle);
      if (!attempt.isAllowed) throw tooManyAttempts(reply, attempt.lockedUntil!);
      const user = await findUserByUsername(context.pool, actor.label);
      if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
        throw new ApiError(400, 'wrong_password', 'The current password is wrong.');
      }
      await clearThrottle(context.pool, `password:${actor.id}`);
      const weakness = checkPasswordStrength(newPassword);
      if (weakness) throw new ApiError(400, 'weak_password', weakness);
      if (newPassword === currentPassword)
        throw new ApiError(400, 'same_password', 'Choose a password you have not used now.');
      await updateUser(context.pool, user.id, { passwordHash: await hashPassword(newPassword) });
      await deleteUserSessions(context.pool, user.id);
      await recordChange(context.pool, actor, {
        action: 'change_password',
        entity: 'user_account',
        entityId: user.id,
        requestId: request.id,
      });
      void reply.clearCookie(sessionCookie, cookieOptions).clearCookie(csrfCookie, cookieOptions);
      return reply.status(204).send();
    },
  );
}
