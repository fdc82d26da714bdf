import type { OidcLinkRow } from '@portvakt/contract';
import { listOidcLinks as selectOidcLinks } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { presentOidcLink } from './unlink-oidc-account';

/** Accounts with a pre-set identity provider value and whether it is bound yet, never the value. */
export async function listOidcLinks({
  db,
  actor,
}: ReadOptions<undefined>): Promise<{ items: OidcLinkRow[] }> {
  authorise(actor, 'user_account', 'read');
  return { items: (await selectOidcLinks(db, actor.municipalityId)).map(presentOidcLink) };
}
