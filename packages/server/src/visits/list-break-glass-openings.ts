import type { Static } from 'typebox';
import type { BreakGlassOpeningList, BreakGlassOpeningQuery } from '@portvakt/contract';
import type { ReadOptions } from '../platform/context';
import { readBreakGlassQueue } from './break-glass-queue';
import { readQueueReach, type QueueDefinition } from './queue-reach';

const maxDays = 93;

const breakGlassQueue: QueueDefinition<Static<typeof BreakGlassOpeningQuery>> = {
  resource: 'break_glass',
  kinds: ['municipality', 'provider'],
  maxDays,
  period: (input, now) => {
    const to = input.to ? new Date(input.to) : now;
    return { from: input.from ? new Date(input.from) : new Date(to.getTime() - maxDays * 86_400_000), to };
  },
};

/**
 * The openings only a break-glass window allowed, in the windows overlapping a period (default the
 * 93 days up to now): a work lead's own provider's; the municipality's roles one provider or all.
 * Waiting for review only, unless asked.
 */
export async function listBreakGlassOpenings(
  options: ReadOptions<Static<typeof BreakGlassOpeningQuery>> & { now: Date },
): Promise<Static<typeof BreakGlassOpeningList>> {
  const reach = readQueueReach(options, breakGlassQueue);
  if (!reach) return { items: [] };
  const { from, to } = reach;
  const items = await readBreakGlassQueue(options.db, options.actor.municipalityId, {
    providerId: reach.providerId ?? null,
    from,
    to,
  });
  return { items: options.input.isReviewedIncluded ? items : items.filter((item) => !item.review) };
}
