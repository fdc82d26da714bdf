import { ApiError, forbidden } from './errors';

/**
 * The provider a write is for: a work lead's own provider (`own`; naming another is 403), else the
 * one the input names (422 validation_failed on `providerId` when none is named).
 */
export function resolveProviderOfWrite(
  own: string | undefined,
  named: string | undefined,
  refusals: { otherProvider: string; noneNamed: string },
): string {
  if (own && named && named !== own) throw forbidden(refusals.otherProvider);
  const providerId = named ?? own;
  if (!providerId)
    throw new ApiError(422, 'validation_failed', refusals.noneNamed, {
      field: 'providerId',
    });
  return providerId;
}
