import type { Resource, Scope } from '@portvakt/core';
import type { ReadOptions } from './context';
import { authorise } from './authorise';
import { notFound } from './errors';

/**
 * How a read use case starts that answers one record: the scope in which the actor may read
 * `resource` (403 when not at all), and the record `find` reads in it; none is 404 "No such
 * `label`", as a record out of scope answers like an unknown one.
 */
export async function findInScope<Found>(
  { actor }: Pick<ReadOptions<unknown>, 'actor'>,
  resource: Resource,
  label: string,
  find: (scope: Scope) => Promise<Found | undefined>,
): Promise<{ scope: Scope; found: Found }> {
  const scope = authorise(actor, resource, 'read');
  const found = await find(scope);
  if (!found) throw notFound(label);
  return { scope, found };
}
