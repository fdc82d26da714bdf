// What every key cabinet use case starts from: the provider a scope limits to, and the
// municipality's key-out limit (support settings).
import type { Scope } from '@portvakt/core';
import { readSupportSettings } from '@portvakt/core';
import { findMunicipality, type Queryable } from '@portvakt/storage';
import { forbidden } from '../platform/errors';

/** The provider a scope limits cabinets to (undefined: the whole municipality). */
export function providerOfScope(scope: Scope): string | undefined {
  if (scope.kind === 'municipality') return undefined;
  if (scope.kind === 'provider' || scope.kind === 'self') return scope.providerId;
  // No other scope reaches key cabinets (property owners, installers: policy grants nothing).
  throw forbidden();
}

export async function readKeyOutLimitMinutes(db: Queryable, municipalityId: string): Promise<number> {
  const municipality = await findMunicipality(db, municipalityId);
  return readSupportSettings(municipality?.settings ?? {}).keyOutLimitMinutes;
}
