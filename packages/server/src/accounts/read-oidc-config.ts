import type { OidcConfigView } from '@portvakt/contract';
import { findOidcConfig } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { presentOidcConfig } from './configure-oidc';

/** The municipality's identity provider configuration, never its client secret (docs/oidc.md). */
export async function readOidcConfig({
  db,
  actor,
  publicUrl,
}: ReadOptions<undefined> & { publicUrl: string }): Promise<OidcConfigView> {
  authorise(actor, 'oidc_config', 'read');
  const config = await findOidcConfig(db, actor.municipalityId);
  if (!config) throw notFound('identity provider configuration');
  return presentOidcConfig(config, publicUrl);
}
