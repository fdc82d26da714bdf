// Sign-in through the municipality's identity provider (docs/oidc.md): the public start and
// callback the browser is sent through, and the admin's configuration and account links.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  errorResponses,
  OidcConfigBody,
  OidcConfigView,
  OidcLinkBody,
  OidcLinkRow,
  OidcMunicipality,
} from '@portvakt/contract';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { readClock, type AppContext } from '../platform/context';
import { declareRoutes } from '../platform/declare-routes';
import { ApiError } from '../platform/errors';
import { listSchema } from '../platform/schemas';
import { configureOidc, readOidcRedirectUri } from './configure-oidc';
import { finishOidcLogin } from './finish-oidc-login';
import { linkOidcAccount } from './link-oidc-account';
import { listOidcLinks } from './list-oidc-links';
import { listOidcMunicipalities } from './list-oidc-municipalities';
import { readOidcConfig } from './read-oidc-config';
import { startOidcLogin } from './start-oidc-login';
import { unlinkOidcAccount } from './unlink-oidc-account';
import { setSessionCookies } from './session-cookies';

export const oidcRouteTemplates = [
  'GET /api/v1/auth/oidc/municipalities',
  'GET /api/v1/auth/oidc/start',
  'GET /api/v1/auth/oidc/callback',
  'GET /api/v1/oidc/config',
  'PUT /api/v1/oidc/config',
  'GET /api/v1/oidc/links',
  'PUT /api/v1/users/{id}/oidc-link',
  'DELETE /api/v1/users/{id}/oidc-link',
];

const StartQuery = Type.Object(
  { municipality: Type.String({ minLength: 1, maxLength: 50, description: "The municipality's code." }) },
  { additionalProperties: false },
);

// The callback carries what the provider sends (code, state, iss, or error and its description).
const CallbackQuery = Type.Record(Type.String(), Type.String({ maxLength: 2000 }));

/** Where people reach this server; the redirect URI registered at the provider is made from it. */
function readPublicUrl(context: AppContext, request: FastifyRequest): string {
  return context.publicUrl ?? `${request.protocol}://${request.host}`;
}

/** What the sign-in's start and finish share: the database, secrets, clock and the redirect URI. */
function readSignInOptions(context: AppContext, request: FastifyRequest) {
  return {
    db: context.pool,
    fieldCrypto: context.fieldCrypto,
    now: readClock(context),
    redirectUri: readOidcRedirectUri(readPublicUrl(context, request)),
  };
}

/**
 * A browser that navigated here gets the console back with the refusal's code to explain (the
 * login page shows it); a program gets the 4xx and its code as every API route answers.
 */
async function answerBrowserRefusal(request: FastifyRequest, reply: FastifyReply, work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof ApiError) || !request.headers.accept?.includes('text/html')) throw error;
    void reply.redirect(`/?oidcError=${encodeURIComponent(error.code)}`, 303);
  }
}

export function registerOidcRoutes(app: FastifyInstance, context: AppContext): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  // The same cookies a password login sets (auth.routes.ts): one kind of session whichever way in.

  typed.get(
    '/api/v1/auth/oidc/municipalities',
    {
      config: { isPublic: true },
      schema: {
        tags: ['auth'],
        summary:
          'Municipalities whose people can sign in through their identity provider (for the login page)',
        response: { 200: Type.Object({ items: Type.Array(OidcMunicipality) }) },
      },
    },
    async () => listOidcMunicipalities({ db: context.pool }),
  );

  typed.get(
    '/api/v1/auth/oidc/start',
    {
      config: { isPublic: true },
      schema: {
        tags: ['auth'],
        summary: "Start signing in through the municipality's identity provider; redirects there",
        querystring: StartQuery,
        response: { 302: Type.Null(), ...errorResponses, 502: Type.Ref('Error') },
      },
    },
    async (request, reply) =>
      answerBrowserRefusal(request, reply, async () => {
        const url = await startOidcLogin({ ...readSignInOptions(context, request), input: request.query });
        void reply.header('cache-control', 'no-store').redirect(url.href, 302);
      }),
  );

  typed.get(
    '/api/v1/auth/oidc/callback',
    {
      config: { isPublic: true },
      schema: {
        tags: ['auth'],
        summary:
          'Where the identity provider sends the browser back; sets a session cookie and redirects to the console',
        querystring: CallbackQuery,
        response: { 303: Type.Null(), ...errorResponses, 502: Type.Ref('Error') },
      },
    },
    async (request, reply) =>
      answerBrowserRefusal(request, reply, async () => {
        const session = await finishOidcLogin({
          ...readSignInOptions(context, request),
          input: { query: request.query },
          requestId: request.id,
        });
        void setSessionCookies(reply, context, session)
          .header('cache-control', 'no-store')
          .redirect('/', 303);
      }),
  );

  const routes = declareRoutes(app, { tags: ['identity provider'], context, pathParams: 'uuid' });

  routes.get('/api/v1/oidc/config', {
    summary: "The municipality's identity provider configuration (never the client secret)",
    response: OidcConfigView,
    handle: async ({ request, options }) =>
      readOidcConfig({ ...options, input: undefined, publicUrl: readPublicUrl(context, request) }),
  });

  routes.put('/api/v1/oidc/config', {
    summary: "Set the municipality's identity provider; its discovery document is read to check it",
    body: OidcConfigBody,
    response: OidcConfigView,
    permission: ['oidc_config', 'update'],
    handle: ({ request, options }) =>
      configureOidc({
        ...options,
        input: request.body,
        fieldCrypto: context.fieldCrypto,
        publicUrl: readPublicUrl(context, request),
      }),
  });

  routes.get('/api/v1/oidc/links', {
    summary: 'Accounts with a pre-set identity provider value and whether it is bound yet (never the value)',
    response: listSchema(OidcLinkRow),
    handle: callUseCase(listOidcLinks, inputFrom.none),
  });

  routes.put('/api/v1/users/:id/oidc-link', {
    summary: "Pre-set the configured claim's value an account is known by at the identity provider",
    body: OidcLinkBody,
    response: OidcLinkRow,
    permission: ['user_account', 'update'],
    handle: callUseCase(linkOidcAccount, inputFrom.bodyWithId('userId'), {
      fieldCrypto: context.fieldCrypto,
    }),
  });

  routes.delete('/api/v1/users/:id/oidc-link', {
    summary: "Remove an account's identity provider link",
    response: Type.Null(),
    status: 204,
    permission: ['user_account', 'update'],
    handle: callUseCase(unlinkOidcAccount, inputFrom.idAs('userId')),
  });
}
