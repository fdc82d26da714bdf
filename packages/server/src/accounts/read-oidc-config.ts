import type { OidcConfigView } from '@portvakt/contract';
import { findOidcConfig } from '@portvakt/storage';
import type { ReadOptions } from '../platform/context';
import { findInScope } from '../platform/usecase-find-in-scope';
import { presentOidcConfig } from './configure-oidc';

/** The municipality's identity provider configuration, never its client secret (docs/oidc.md). */
export async function readOidcConfig(
  options: ReadOptions<undefined> & { publicUrl: string },
): Promise<OidcConfigView> {
  const { db, actor } = options;
  const { found } = await findInScope(options, 'oidc_config', 'identity provider configuration', () =>
    findOidcConfig(db, actor.municipalityId),
  );
  return presentOidcConfig(found, options.publicUrl);
}
