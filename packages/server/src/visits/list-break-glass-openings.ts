import type { Static } from 'typebox';
import type { BreakGlassOpeningList, BreakGlassOpeningQuery } from '@portvakt/contract';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { readBreakGlassQueue } from './break-glass-queue';

const maxDays = 93;

/**
 * The openings only a break-glass window allowed, in the windows overlapping a period (default the
 * 93 days up to now): a work lead's own provider's; the municipality's roles one provider or all.
 * Waiting for review only, unless asked.
 */
export async function listBreakGlassOpenings({
  db,
  actor,
  input,
  now,
}: ReadOptions<Static<typeof BreakGlassOpeningQuery>> & { now: Date }): Promise<
  Static<typeof BreakGlassOpeningList>
> {
  const scope = authorise(actor, 'break_glass', 'read');
  if (scope.kind !== 'municipality' && scope.kind !== 'provider') return { items: [] };
  const to = input.to ? new Date(input.to) : now;
  const from = input.from ? new Date(input.from) : new Date(to.getTime() - maxDays * 86_400_000);
  if (!(from < to) || to.getTime() - from.getTime() > maxDays * 86_400_000)
    throw new ApiError(
      400,
      'invalid_range',
      `\`from\` must be before \`to\`, at most ${maxDays} days apart.`,
    );
  if (scope.kind === 'provider' && input.providerId && input.providerId !== scope.providerId)
    return { items: [] };
  const providerId = scope.kind === 'provider' ? scope.providerId : (input.providerId ?? null);
  const items = await readBreakGlassQueue(db, actor.municipalityId, { providerId, from, to });
  return { items: input.isReviewedIncluded ? items : items.filter((item) => !item.review) };
}
