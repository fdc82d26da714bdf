import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Action, Actor, Resource, Scope } from '@portvakt/core';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
} from 'fastify';
import { Type, type TObject, type TSchema, type TString } from 'typebox';
import { authorise } from './authorise';
import { readClock, requireActor, type AppContext } from './context';
import { errorResponses } from './schemas';

type Input = TSchema | undefined;
type Permission = readonly [Resource, Action];
type SuccessStatus = 200 | 201 | 204;
type InputSchemas<Params, Query, Body> = FastifySchema & { params: Params; querystring: Query; body: Body };

/** The request as Fastify types it once it has passed these schemas. */
export type DeclaredRequest<Params extends Input, Query extends Input, Body extends Input> = FastifyRequest<
  RouteGenericInterface,
  RawServerDefault,
  RawRequestDefaultExpression,
  InputSchemas<Params, Query, Body>,
  TypeBoxTypeProvider
>;

/**
 * What every use case is given besides its input (`{ ...options, input }`): the database, who acts,
 * the request id its audit entries carry and the context's clock reading. Use cases that only read
 * ignore the last two.
 */
export interface UseCaseCallOptions {
  db: AppContext['pool'];
  actor: Actor;
  requestId: string;
  now: Date;
}

/** What a handler is given: the request, the authenticated actor and, with a permission, its scope. */
export interface RouteCall<Params extends Input, Query extends Input, Body extends Input, Granted> {
  request: DeclaredRequest<Params, Query, Body>;
  reply: FastifyReply;
  actor: Actor;
  scope: Granted extends Permission ? Scope : undefined;
  /** The use case options of this request, from `declareRoutes`' `context`. */
  options: UseCaseCallOptions;
}

/**
 * What a handler answers: the success body, serialised by the response schema (nothing for 204),
 * or the reply it sent itself. Not checked against `Static` of the schema: some contract schemas
 * (unions mapped from a list of kinds) have no usable static type.
 */
type Answer<Status extends SuccessStatus> = Status extends 204 ? void : unknown;

/** One route for a logged-in actor: its OpenAPI words, input schemas, success answer and permission. */
export interface RouteDeclaration<
  Params extends Input,
  Query extends Input,
  Body extends Input,
  Status extends SuccessStatus,
  Granted extends Permission | undefined,
> {
  summary: string;
  description?: string;
  params?: Params;
  querystring?: Query;
  body?: Body;
  /** The success body's schema; the error answers every route lists are added to it. */
  response?: TSchema;
  /** 200 unless given; the handler's answer is sent with it. */
  status?: Status;
  /** Checked before the handler runs (403 when refused); left out only where the use case authorises. */
  permission?: Granted;
  // Typed from the schemas and permission above, never inferred from the handler itself.
  handle: (
    call: RouteCall<NoInfer<Params>, NoInfer<Query>, NoInfer<Body>, NoInfer<Granted>>,
  ) => Promise<Answer<Status>>;
}

/** The names of a URL's path parameters: `'id' | 'receiptId'` for `/keys/:id/receipts/:receiptId`. */
type PathParamNames<Url extends string> = Url extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : Url extends `${string}:${infer Name}`
    ? Name
    : never;

/** What `uuidPathParams` makes of a URL, as a type. */
type UuidPathParams<Url extends string> = [PathParamNames<Url>] extends [never]
  ? undefined
  : TObject<{ [Name in PathParamNames<Url>]: TString }>;

/** How a group's routes that declare no `params` have them made from their URL. */
type PathParams = 'uuid' | undefined;

type Declare<Derived extends PathParams> = <
  Url extends string,
  Params extends Input = Derived extends 'uuid' ? UuidPathParams<Url> : undefined,
  Query extends Input = undefined,
  Body extends Input = undefined,
  Status extends SuccessStatus = 200,
  Granted extends Permission | undefined = undefined,
>(
  url: Url,
  declaration: RouteDeclaration<Params, Query, Body, Status, Granted>,
) => void;

/** The schema of a URL's path parameters, each a UUID (`/things/:id` → `{ id: uuid }`); none without. */
function uuidPathParams(url: string): TSchema | undefined {
  const names = [...url.matchAll(/:(\w+)/g)].map(([, name]) => name as string);
  if (names.length === 0) return undefined;
  return Type.Object(Object.fromEntries(names.map((name) => [name, Type.String({ format: 'uuid' })])));
}

/** The routes of a group whose path parameters are UUIDs (`declareRoutes(…, { pathParams: 'uuid' })`). */
export type UuidRoutes = ReturnType<typeof declareRoutes<'uuid'>>;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The routes of one resource for logged-in actors (the `*.routes.ts` files): each declaration
 * says what differs, and the validation, authentication, authorisation and success status are
 * written here once. Public routes (login, health, the device gateway) use Fastify directly.
 */
export function declareRoutes<Derived extends PathParams = undefined>(
  app: FastifyInstance,
  {
    tags,
    bodyLimit,
    context,
    pathParams,
  }: {
    tags: string[];
    /** For routes that take files; the app's limit otherwise. */
    bodyLimit?: number;
    /** The database and clock of the handlers' `options`. */
    context: Pick<AppContext, 'pool' | 'now'>;
    /**
     * The `params` of routes that declare none, made from their URL: `'uuid'`, every `:name` in
     * the path is a UUID. Without it such routes validate no path parameters.
     */
    pathParams?: Derived;
  },
): Record<Lowercase<Method>, Declare<Derived>> {
  const declareFor =
    (method: Method): Declare<Derived> =>
    (url, declaration) => {
      const { summary, description, querystring, body, response, permission, handle } = declaration;
      // A query parameter the route does not know is refused (400 validation_failed), not ignored:
      // a typo such as `includeRetired` would otherwise be answered as if it had not been asked.
      if (
        querystring !== undefined &&
        (querystring as { additionalProperties?: unknown }).additionalProperties !== false
      )
        throw new Error(`${method} ${url}: its querystring schema must say additionalProperties: false`);
      const params = declaration.params ?? (pathParams === 'uuid' ? uuidPathParams(url) : undefined);
      const status = declaration.status ?? 200;
      const schema: FastifySchema = {
        tags,
        summary,
        ...(description === undefined ? {} : { description }),
        ...(params === undefined ? {} : { params }),
        ...(querystring === undefined ? {} : { querystring }),
        ...(body === undefined ? {} : { body }),
        ...(response === undefined ? {} : { response: { [status]: response, ...errorResponses } }),
      };
      app.route({
        method,
        url,
        schema,
        ...(bodyLimit === undefined ? {} : { bodyLimit }),
        handler: async (request, reply) => {
          const actor = requireActor(request);
          const scope = permission ? authorise(actor, permission[0], permission[1]) : undefined;
          // Fastify has validated the request against exactly these schemas, and `scope` is set
          // exactly when a permission is declared: what the call's type says, which TypeScript
          // cannot follow through the optional properties by itself.
          const call = {
            request,
            reply,
            actor,
            scope,
            // A plain property, not a getter: with a getter here every request kept more alive
            // across scavenges, so each took longer (docs/operations.md "Node's young generation").
            options: { db: context.pool, actor, requestId: request.id, now: readClock(context) },
          } as Parameters<typeof handle>[0];
          const answer = await handle(call);
          // A handler that sent its own answer (a file, a refusal with headers) chose its status.
          if (answer !== reply) void reply.status(status);
          return answer;
        },
      });
    };
  return {
    get: declareFor('GET'),
    post: declareFor('POST'),
    put: declareFor('PUT'),
    patch: declareFor('PATCH'),
    delete: declareFor('DELETE'),
  };
}
