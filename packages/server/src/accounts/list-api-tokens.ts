import { listTokens, type TokenRecord } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';

/** The municipality's API tokens, newest first: their names and prefixes; a secret is never stored readable. */
export async function listApiTokens({
  db,
  actor,
}: ReadOptions<undefined>): Promise<{ items: TokenRecord[] }> {
  authorise(actor, 'api_token', 'read');
  return { items: await listTokens(db, actor.municipalityId) };
}
