import { listOidcMunicipalities as selectOidcMunicipalities, type Queryable } from '@portvakt/storage';

/**
 * The municipalities whose people can sign in through their identity provider: public, for the
 * login page, so it names only the municipality (code and name), nothing of its configuration.
 */
export async function listOidcMunicipalities({
  db,
}: {
  db: Queryable;
}): Promise<{ items: Array<{ code: string; name: string }> }> {
  return { items: await selectOidcMunicipalities(db) };
}
