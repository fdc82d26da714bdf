// The four routes most resources have, declared by the convention they share, so that each says
// only its words, schemas and use case (the permission, status, URL and input follow from the verb):
//   list   GET   /things      the query string as input       permission read
//   create POST  /things      the body as input, 201          permission create
//   read   GET   /things/:id  `{ id }` as input               permission read
//   update PATCH /things/:id  `{ id, change: body }` as input permission update
//   step   POST  /things/:id/<step>  `{ id, body }` (or `{ id }` without a body)  permission update
// Routes that differ from this (another input, status or permission) are declared one by one.
import type { Action, Resource, Scope } from '@portvakt/core';
import type { Static, TSchema } from 'typebox';
import { callUseCase, inputFrom } from './call-use-case';
import type { UseCaseCallOptions, UuidRoutes } from './declare-routes';

/** What the route gives the use case: the request's options, the permission's scope, the extras and the input. */
type GivenOptions<Input, Extras> = UseCaseCallOptions & { scope: Scope; input: Input } & Extras;

/**
 * One of the four routes. `extras` are what the use case takes besides what every route supplies
 * (cursors, the field key); the use case must accept exactly what it is given.
 */
interface VerbDeclaration<Input, Extras extends object> {
  summary: string;
  description?: string;
  /** The success body's schema. */
  response: TSchema;
  useCase: (options: GivenOptions<Input, NoInfer<Extras>>) => Promise<unknown>;
  extras?: Extras;
}

/** Any of the declarations below, as the code that declares them sees it. */
type AnyVerbDeclaration = VerbDeclaration<never, object> & { querystring?: TSchema; body?: TSchema };

/** Lists the resource; without a `querystring` schema the use case is given the query string unchecked. */
type DeclareList = <Query extends TSchema = TSchema, Extras extends object = object>(
  declaration: VerbDeclaration<Static<Query>, Extras> & { querystring?: Query },
) => void;
/** Creates one: the body is the use case's input. */
type DeclareCreate = <Body extends TSchema, Extras extends object = object>(
  declaration: VerbDeclaration<Static<Body>, Extras> & { body: Body },
) => void;
/** Reads one by its id. */
type DeclareRead = <Extras extends object = object>(
  declaration: VerbDeclaration<{ id: string }, Extras>,
) => void;
/** Changes one: the body is the `change` to the one with that id. */
type DeclareUpdate = <Body extends TSchema, Extras extends object = object>(
  declaration: VerbDeclaration<{ id: string; change: Static<Body> }, Extras> & { body: Body },
) => void;

/**
 * Takes one a step further (`POST /things/:id/retire`): the body under `bodyAs` (`body` unless
 * given) beside the id; a step without a body is given `{ id }`.
 */
interface DeclareStep {
  <Body extends TSchema, Key extends string = 'body', Extras extends object = object>(
    step: string,
    declaration: VerbDeclaration<{ id: string } & Record<Key, Static<Body>>, Extras> & {
      body: Body;
      bodyAs?: Key;
    },
  ): void;
  <Extras extends object = object>(step: string, declaration: VerbDeclaration<{ id: string }, Extras>): void;
}

/** The conventional routes of the resource at `path` (e.g. `/api/v1/key-cabinets`), to call in the order they are registered. */
export function declareResourceRoutes(routes: UuidRoutes, path: string, resource: Resource) {
  // The verbs' types above check the use case against the input its route makes; callUseCase's
  // own checks cannot see through their generic parameters.
  const handleWith = callUseCase as unknown as (
    useCase: unknown,
    mapping: Parameters<typeof callUseCase>[1],
    extras: object | undefined,
  ) => never;
  const declareVerb =
    (
      method: 'get' | 'post' | 'patch',
      url: string,
      action: Action,
      mapping: Parameters<typeof callUseCase>[1],
      status: 200 | 201 = 200,
    ) =>
    ({ useCase, extras, ...declaration }: AnyVerbDeclaration) =>
      routes[method](url, {
        ...declaration,
        status,
        permission: [resource, action],
        handle: handleWith(useCase, mapping, extras),
      });
  const onePath = `${path}/:id`;
  const step = (name: string, { bodyAs, ...declaration }: AnyVerbDeclaration & { bodyAs?: string }) =>
    declareVerb(
      'post',
      `${onePath}/${name}`,
      'update',
      declaration.body === undefined ? inputFrom.params : inputFrom.idWith(bodyAs ?? 'body'),
    )(declaration);
  return {
    list: declareVerb('get', path, 'read', inputFrom.query) as DeclareList,
    create: declareVerb('post', path, 'create', inputFrom.body, 201) as DeclareCreate,
    read: declareVerb('get', onePath, 'read', inputFrom.params) as DeclareRead,
    update: declareVerb('patch', onePath, 'update', inputFrom.idWith('change')) as DeclareUpdate,
    step: step as DeclareStep,
  };
}
