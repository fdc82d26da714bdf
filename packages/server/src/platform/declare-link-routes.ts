// The routes behind a single-use link mailed to someone without an account (the consent
// e-service, a relative's invitation, the locksmith's arrival page): public, the link's token in
// the URL is the only credential, and a link used up or expired is answered 410 besides the
// errors every route lists. Each route names its use case; the token, clock and caller are given
// to it here.
import type { FastifyInstance } from 'fastify';
import { Type, type Static, type TObject, type TSchema, type TString } from 'typebox';
import { readClock, type AppContext } from './context';
import { errorResponses } from './schemas';

/** What a link's use case is given. */
export interface LinkCallOptions<Input> {
  db: AppContext['pool'];
  /** The token from the URL, unchecked: the use case finds the link it belongs to (404 otherwise). */
  token: string;
  now: Date;
  /** The id the use case's audit entries carry. */
  requestId: string;
  /** The caller's IP address (the arrival page counts unknown links per address). */
  address: string;
  /** The validated body; undefined for a route without one. */
  input: Input;
}

/** One route of the link: its OpenAPI words, body and success answer, and the use case it calls. */
interface LinkRouteDeclaration<Body extends TSchema | undefined> {
  summary: string;
  body?: Body;
  /** The success body's schema. */
  response: TSchema;
  /** 200 unless given. */
  status?: 200 | 201;
  useCase: (options: LinkCallOptions<Body extends TSchema ? Static<Body> : undefined>) => Promise<unknown>;
}

type DeclareLinkRoute = <Body extends TSchema | undefined = undefined>(
  url: string,
  declaration: LinkRouteDeclaration<Body>,
) => void;

/** The routes of one kind of link, each taking the link's token as `params`. */
export function declareLinkRoutes(
  app: FastifyInstance,
  {
    tags,
    params,
    context,
    alsoRefused = [],
  }: {
    tags: string[];
    params: TObject<{ token: TString }>;
    context: Pick<AppContext, 'pool' | 'now'>;
    /** Error statuses the use cases answer besides 410 and the usual ones (429 for guessing). */
    alsoRefused?: number[];
  },
): { get: DeclareLinkRoute; post: DeclareLinkRoute } {
  const errors = {
    ...errorResponses,
    410: Type.Ref('Error'),
    ...Object.fromEntries(alsoRefused.map((status) => [status, Type.Ref('Error')])),
  };
  const declareFor =
    (method: 'GET' | 'POST'): DeclareLinkRoute =>
    (url, { summary, body, response, status = 200, useCase }) => {
      app.route<{ Params: Static<typeof params> }>({
        method,
        url,
        config: { isPublic: true },
        schema: {
          tags,
          summary,
          security: [],
          params,
          ...(body === undefined ? {} : { body }),
          response: { [status]: response, ...errors },
        },
        handler: async (request, reply) => {
          // Fastify has validated the body against exactly the route's schema: the input's type,
          // which TypeScript cannot follow through the optional body by itself.
          const call = {
            db: context.pool,
            token: request.params.token,
            now: readClock(context),
            requestId: request.id,
            address: request.ip,
            input: request.body,
          } as Parameters<typeof useCase>[0];
          const answer = await useCase(call);
          void reply.status(status);
          return answer;
        },
      });
    };
  return { get: declareFor('GET'), post: declareFor('POST') };
}
