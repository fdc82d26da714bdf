import { ApiError, forbidden } from './errors';

/**
 * The provider a write is for: a work lead's own provider (`own`; naming another is 403), else the
 * one the input names. Whether one must be named depends on who asks, not on the request's shape,
 * so naming none is 422 provider_required on `providerId` (like a new work lead's account without
 * one), not the schema's 400.
 */
export function resolveProviderOfWrite(
  own: string | undefined,
  named: string | undefined,
  refusals: { otherProvider: string; noneNamed: string },
): string {
  if (own && named && named !== own) throw forbidden(refusals.otherProvider);
  const providerId = named ?? own;
  if (!providerId)
    throw new ApiError(422, 'provider_required', refusals.noneNamed, {
      field: 'providerId',
    });
  return providerId;
}
