import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  errorResponses,
  LoginResponse,
  PasskeyCeremony,
  PasskeyList,
  PasskeyRegistration,
  PasskeyReset,
  PasskeyResetResult,
  PasskeyRow,
  PasskeySignIn,
  PasskeySignInStart,
} from '@portvakt/contract';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type, type TSchema } from 'typebox';
import type { AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { ApiError } from '../platform/errors';
import { tooManyAttempts } from './auth.routes';
import { enrolPasskey } from './passkey-enrol';
import { passkeyEnrolmentCookie, passkeyEnrolmentPath } from './passkey-enrolment';
import { startPasskeyEnrolment } from './passkey-enrolment-options';
import { listOwnPasskeys, listUserPasskeys } from './passkey-list';
import { startPasskeyRegistration } from './passkey-registration-options';
import { registerPasskey } from './passkey-register';
import { readRelyingParty } from './passkey-relying-party';
import { removePasskey } from './passkey-remove';
import { resetPasskeys } from './passkey-reset';
import { signInWithPasskey } from './passkey-sign-in';
import { startPasskeySignIn } from './passkey-sign-in-options';
import type { OpenedSession } from './passkey-session';
import { readCookieOptions, setSessionCookies } from './session-cookies';

/** The passkey routes, for the role × scope coverage (passkeys.test.ts covers each). */
export const passkeyRouteTemplates = [
  'GET /api/v1/passkeys',
  'POST /api/v1/passkeys/registration-options',
  'POST /api/v1/passkeys',
  'DELETE /api/v1/passkeys/{id}',
  'GET /api/v1/users/{id}/passkeys',
  'POST /api/v1/users/{id}/passkeys/reset',
  'POST /api/v1/auth/passkey/options',
  'POST /api/v1/auth/passkey',
  'POST /api/v1/auth/passkey-enrolment/options',
  'POST /api/v1/auth/passkey-enrolment',
];

/** Passkeys (docs/sign-in.md "Passkeys"): your own, an administrator's reset, and signing in with one. */
export function registerPasskeyRoutes(app: FastifyInstance, context: AppContext): void {
  const cookieOptions = readCookieOptions(context);
  const relyingParty = () => readRelyingParty(context);

  /** The same cookies as a password login (session-cookies.ts). */
  function sendSession(reply: FastifyReply, session: OpenedSession) {
    setSessionCookies(reply, context, session);
    return { user: session.user, csrfToken: session.csrfToken };
  }

  const routes = declareRoutes(app, { tags: ['passkeys'], context, pathParams: 'uuid' });
  routes.get('/api/v1/passkeys', {
    summary: 'Your passkeys',
    response: PasskeyList,
    handle: callUseCase(listOwnPasskeys, inputFrom.none),
  });
  routes.post('/api/v1/passkeys/registration-options', {
    summary: 'Start registering a passkey: options for the browser’s WebAuthn',
    response: PasskeyCeremony,
    handle: ({ options }) =>
      startPasskeyRegistration({ ...options, input: undefined, relyingParty: relyingParty() }),
  });
  routes.post('/api/v1/passkeys', {
    summary: 'Register a passkey from the browser’s answer, with a name',
    body: PasskeyRegistration,
    response: PasskeyRow,
    status: 201,
    handle: ({ request, options }) =>
      registerPasskey({ ...options, input: request.body, relyingParty: relyingParty() }),
  });
  routes.delete('/api/v1/passkeys/:id', {
    summary: 'Remove one of your passkeys',
    response: Type.Null(),
    status: 204,
    handle: callUseCase(removePasskey, inputFrom.params),
  });
  routes.get('/api/v1/users/:id/passkeys', {
    summary: 'A user account’s passkeys (names and dates)',
    response: PasskeyList,
    permission: ['user_account', 'read'],
    handle: callUseCase(listUserPasskeys, inputFrom.params),
  });
  routes.post('/api/v1/users/:id/passkeys/reset', {
    summary: 'Remove every passkey of another account, with a reason; it registers again',
    body: PasskeyReset,
    response: PasskeyResetResult,
    permission: ['user_account', 'update'],
    handle: callUseCase(resetPasskeys, inputFrom.bodyWithId()),
  });

  // Signing in and the enrolment step: public, like the password login (no one is signed in yet).
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  // Generic in the body's schema, so the type provider gives each handler its typed body.
  const publicRoute = <Body extends TSchema>(
    summary: string,
    body: Body | undefined,
    response: typeof PasskeyCeremony | typeof LoginResponse,
  ) => ({
    config: { isPublic: true },
    schema: {
      tags: ['auth'],
      summary,
      ...(body ? { body } : {}),
      response: { 200: response, ...errorResponses, 429: Type.Ref('Error') },
    } as { tags: string[]; summary: string; body: Body; response: Record<number, TSchema> },
  });

  typed.post(
    '/api/v1/auth/passkey/options',
    publicRoute(
      'Start signing in with a passkey (optionally after the username)',
      PasskeySignInStart,
      PasskeyCeremony,
    ),
    async (request) =>
      startPasskeySignIn({
        db: context.pool,
        relyingParty: relyingParty(),
        input: request.body,
      }),
  );

  typed.post(
    '/api/v1/auth/passkey',
    publicRoute('Sign in with a passkey; sets a session cookie', PasskeySignIn, LoginResponse),
    async (request, reply) => {
      const body = request.body;
      const result = await signInWithPasskey({
        db: context.pool,
        relyingParty: relyingParty(),
        input: {
          challengeId: body.challengeId,
          response: body.response,
          address: request.ip,
        },
        requestId: request.id,
      });
      if (result.kind === 'locked') throw tooManyAttempts(reply, result.lockedUntil);
      if (result.kind === 'refused')
        throw result.code === 'passkey_challenge_invalid'
          ? new ApiError(
              400,
              result.code,
              'This passkey request is unknown, already used or expired; start again.',
            )
          : new ApiError(401, result.code, 'The passkey was not accepted.');
      return sendSession(reply, result);
    },
  );

  typed.post(
    `${passkeyEnrolmentPath}/options`,
    publicRoute(
      'The enrolment step after a password: start registering the first passkey',
      undefined,
      PasskeyCeremony,
    ),
    async (request) =>
      startPasskeyEnrolment({
        db: context.pool,
        relyingParty: relyingParty(),
        input: { enrolmentToken: request.cookies[passkeyEnrolmentCookie] },
      }),
  );

  typed.post(
    passkeyEnrolmentPath,
    publicRoute(
      'The enrolment step: register the first passkey and sign in',
      PasskeyRegistration,
      LoginResponse,
    ),
    async (request, reply) => {
      const session = await enrolPasskey({
        db: context.pool,
        relyingParty: relyingParty(),
        input: {
          ...request.body,
          enrolmentToken: request.cookies[passkeyEnrolmentCookie],
        },
        requestId: request.id,
      });
      void reply.clearCookie(passkeyEnrolmentCookie, { ...cookieOptions, path: passkeyEnrolmentPath });
      return sendSession(reply, session);
    },
  );
}
