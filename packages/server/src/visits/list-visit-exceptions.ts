import type { Static } from 'typebox';
import { maxVisitExceptionDays, type VisitExceptionList, type VisitExceptionQuery } from '@portvakt/contract';
import { listCustomerNames, listProviderIds } from '@portvakt/storage';
import type { ReadOptions } from '../platform/context';
import { readMunicipalitySettings } from '../platform/municipality-settings';
import { readQueueReach, type QueueDefinition } from './queue-reach';
import { readExceptionQueue } from './visit-exception-queue';

const exceptionQueue: QueueDefinition<Static<typeof VisitExceptionQuery>> = {
  resource: 'visit',
  // Staff (their own visits) and property owners have no queue.
  kinds: ['municipality', 'provider', 'assignee'],
  maxDays: maxVisitExceptionDays,
  // An hour's slack: local days across the autumn's clock change are an hour longer than 24 h.
  slackMs: 3_600_000,
  period: (input) => ({ from: new Date(input.from), to: new Date(input.to) }),
};

/**
 * The exceptions queue of a period (at most `maxVisitExceptionDays`): a work lead's own provider; the
 * municipality one provider or all. Unresolved only unless asked.
 */
export async function listVisitExceptions(
  options: ReadOptions<Static<typeof VisitExceptionQuery>> & { now: Date },
): Promise<Static<typeof VisitExceptionList>> {
  const { db, actor, input, now } = options;
  const reach = readQueueReach(options, exceptionQueue);
  if (!reach) return { items: [] };
  const { from, to } = reach;
  const providers = reach.providerId ? [reach.providerId] : await listProviderIds(db, actor.municipalityId);
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
