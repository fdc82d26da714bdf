import type { Static } from 'typebox';
import { maxVisitExceptionDays, type VisitExceptionList, type VisitExceptionQuery } from '@portvakt/contract';
import { listCustomerNames, listProviderIds } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { readMunicipalitySettings } from '../platform/municipality-settings';
import { readExceptionQueue } from './visit-exception-queue';

/**
 * The exceptions queue of a period (at most `maxVisitExceptionDays`): a work lead's own provider; the
 * municipality one provider or all. Unresolved only unless asked.
 */
export async function listVisitExceptions({
  db,
  actor,
  input,
  now,
}: ReadOptions<Static<typeof VisitExceptionQuery>> & { now: Date }): Promise<
  Static<typeof VisitExceptionList>
> {
  const scope = authorise(actor, 'visit', 'read');
  if (scope.kind === 'self' || scope.kind === 'owner') return { items: [] };
  const from = new Date(input.from);
  const to = new Date(input.to);
  // An hour's slack: local days across the autumn's clock change are an hour longer than 24 h.
  if (!(from < to) || to.getTime() - from.getTime() > maxVisitExceptionDays * 86_400_000 + 3_600_000)
    throw new ApiError(
      400,
      'invalid_range',
      `\`from\` must be before \`to\`, at most ${maxVisitExceptionDays} days apart.`,
    );
  const providers =
    scope.kind === 'provider'
      ? [scope.providerId]
      : input.providerId
        ? [input.providerId]
        : await listProviderIds(db, actor.municipalityId);
  if (scope.kind === 'provider' && input.providerId && input.providerId !== scope.providerId)
    return { items: [] };
  const settings = await readMunicipalitySettings(db, actor.municipalityId);
  const queue = [];
  for (const providerId of providers)
    queue.push(...(await readExceptionQueue({ db, actor, now }, providerId, { from, to }, settings)));
  const shown = input.isResolvedIncluded ? queue : queue.filter((e) => !e.resolution);
  const names = await listCustomerNames(db, actor.municipalityId, [
    ...new Set(shown.map((e) => e.customerId)),
  ]);
  return {
    items: shown.map((e) => ({
      ...e,
      at: new Date(e.at).toISOString(),
      staffMemberIds: [...e.staffMemberIds],
      visitIds: [...e.visitIds],
      customerName: names.get(e.customerId) ?? '',
      resolution: e.resolution && { ...e.resolution, resolvedAt: e.resolution.resolvedAt.toISOString() },
    })),
  };
}
