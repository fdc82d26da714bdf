// Handlers that only hand a request to one use case, written once: a route names the use case
// and how its input is made from the request (`handle: callUseCase(updateWorkOrder,
// inputFrom.idWith('change'))`) instead of an arrow function repeating `{ ...options, input: … }`.
import type { Scope } from '@portvakt/core';
import type { UseCaseCallOptions } from './declare-routes';

/** How a use case's input is made from the request: one of the shapes below. */
type InputMapping =
  | { kind: 'none' | 'query' | 'body' | 'params' }
  | { kind: 'id'; name: string }
  | { kind: 'pair'; key: string; name: string }
  | { kind: 'merge'; from: 'body' | 'query'; name: string };

/**
 * The input shapes routes share, named: `inputFrom.query`, `inputFrom.idWith('change')` (the
 * `:id` path parameter as `id` and the body as `change`).
 */
export const inputFrom = {
  /** No input: the actor and the route's extras are all the use case reads (its own accounts, a list to pick from). */
  none: { kind: 'none' },
  /** The query string as it is (lists, reports). */
  query: { kind: 'query' },
  /** The body as it is (creations). */
  body: { kind: 'body' },
  /** The path parameters as they are (`{ id }` for `/things/:id`). */
  params: { kind: 'params' },
  /** The `:id` path parameter under the name the use case gives it: `{ customerId: id }`. */
  idAs: <Name extends string>(name: Name) => ({ kind: 'id', name }) as const,
  /**
   * The body under `key` beside the `:id` path parameter, named as the use case names it:
   * `{ id, change: body }`, `{ customerId: id, consent: body }`.
   */
  idWith: <Key extends string, Name extends string = 'id'>(key: Key, name?: Name) =>
    ({ kind: 'pair', key, name: name ?? 'id' }) as { kind: 'pair'; key: Key; name: Name },
  /** The body's fields with the `:id` path parameter added, named as the use case names it. */
  bodyWithId: <Name extends string = 'id'>(name?: Name) =>
    ({ kind: 'merge', from: 'body', name: name ?? 'id' }) as { kind: 'merge'; from: 'body'; name: Name },
  /** The query string's fields with the `:id` path parameter added under the use case's name for it. */
  queryWithId: <Name extends string>(name: Name) =>
    ({ kind: 'merge', from: 'query', name }) as { kind: 'merge'; from: 'query'; name: Name },
} as const;

/**
 * The request a mapping needs to make the use case's input `In` (`never` where it cannot make
 * it): the route's validated request must be assignable to it, so its schemas type the input.
 */
type RequestFor<Mapping, In> = Mapping extends { kind: 'none' }
  ? undefined extends In
    ? unknown
    : never
  : Mapping extends { kind: 'query' }
    ? { query: In }
    : Mapping extends { kind: 'body' }
      ? { body: In }
      : Mapping extends { kind: 'params' }
        ? { params: In }
        : Mapping extends { kind: 'id'; name: infer Name extends string }
          ? Record<Name, string> extends In
            ? { params: { id: string } }
            : never
          : Mapping extends {
                kind: 'pair';
                key: infer Key extends keyof In & string;
                name: infer Name extends string;
              }
            ? Record<Name, string> & Pick<In, Key> extends In
              ? { params: { id: string }; body: In[Key] }
              : never
            : Mapping extends {
                  kind: 'merge';
                  from: infer From extends string;
                  name: infer Name extends string;
                }
              ? Record<Name, string> extends Pick<In, Name & keyof In>
                ? { params: { id: string } } & Record<From, Omit<In, Name>>
                : never
              : never;

function makeInput(
  mapping: InputMapping,
  request: { query: unknown; body: unknown; params: { id: string } },
): unknown {
  switch (mapping.kind) {
    case 'none':
      return undefined;
    case 'query':
    case 'body':
    case 'params':
      return request[mapping.kind];
    case 'id':
      return { [mapping.name]: request.params.id };
    case 'pair':
      return { [mapping.name]: request.params.id, [mapping.key]: request.body };
    case 'merge':
      // The route's schema has validated the body or query string as an object.
      return Object.assign({}, request[mapping.from], { [mapping.name]: request.params.id });
  }
}

/** What a use case is given that the route supplies itself (cursors, the issuer key store). */
type Extras<Options> = Omit<Options, keyof UseCaseCallOptions | 'scope' | 'input'>;

/** The part of a route's call the handler reads; a use case that takes a scope needs a permission. */
interface UseCaseCall<Options, Request> {
  request: Request;
  options: UseCaseCallOptions;
  scope: Options extends { scope: infer Granted } ? Granted : Scope | undefined;
}

/** Whether the options every route supplies are what the use case takes (its database, actor, clock). */
type IsSupplied<Options> =
  UseCaseCallOptions extends Pick<Options, keyof UseCaseCallOptions & keyof Options> ? true : false;

/**
 * A handler calling `run` with the request's use case options, its scope (when the route declares
 * a permission), the `extras` the route holds and the input `mapping` makes from the request; it
 * answers what the use case answers.
 */
export function callUseCase<Options extends { input: unknown }, Out, Mapping extends InputMapping>(
  run: (options: Options) => Promise<Out>,
  mapping: Mapping,
  ...[extras]: object extends Extras<Options> ? [] : [Extras<Options>]
): IsSupplied<Options> extends true
  ? (call: UseCaseCall<Options, RequestFor<Mapping, Options['input']>>) => Promise<Out>
  : 'The use case takes a database, actor or clock no route supplies';
// The checks are in the signature above: the route's request makes the input, the route supplies
// the options; here they are only put together.
export function callUseCase(
  run: (options: UseCaseCallOptions & { scope?: Scope; input: unknown }) => Promise<unknown>,
  mapping: InputMapping,
  extras?: object,
) {
  return async ({ request, options, scope }: UseCaseCall<unknown, Parameters<typeof makeInput>[1]>) =>
    run({
      ...options,
      ...(scope === undefined ? {} : { scope }),
      ...extras,
      input: makeInput(mapping, request),
    });
}
