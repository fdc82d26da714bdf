// What the review queues of a period (break-glass openings, visit exceptions) share: the
// actor's scope for the queue's resource, a bounded period, and which provider's queue is shown.
import type { Resource, Scope } from '@portvakt/core';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { ApiError } from '../platform/errors';

export interface QueueReach {
  scope: Scope;
  from: Date;
  to: Date;
  /** The work lead's own provider, else the one asked for; none: every provider. */
  providerId: string | undefined;
}

/** A review queue: its resource, the scopes it is shown in, and its period. */
export interface QueueDefinition<Input> {
  resource: Resource;
  kinds: readonly Scope['kind'][];
  /** The longest period one request asks for, in days (with `slackMs` more). */
  maxDays: number;
  slackMs?: number;
  /** The period the request asks for. */
  period: (input: Input, now: Date) => { from: Date; to: Date };
}

/**
 * The queue's reach, or undefined when the actor sees nothing of it: a scope whose kind is not
 * the queue's, or a work lead asking for another provider. A period that does not start before it
 * ends, or is longer than the queue's, is 400 invalid_range.
 */
export function readQueueReach<Input extends { providerId?: string | undefined }>(
  { actor, input, now }: ReadOptions<Input> & { now: Date },
  queue: QueueDefinition<Input>,
): QueueReach | undefined {
  const scope = authorise(actor, queue.resource, 'read');
  if (!queue.kinds.includes(scope.kind)) return undefined;
  const { from, to } = queue.period(input, now);
  if (!(from < to) || to.getTime() - from.getTime() > queue.maxDays * 86_400_000 + (queue.slackMs ?? 0))
    throw new ApiError(
      400,
      'invalid_range',
      `\`from\` must be before \`to\`, at most ${queue.maxDays} days apart.`,
    );
  if (scope.kind === 'provider' && input.providerId && input.providerId !== scope.providerId)
    return undefined;
  return { scope, from, to, providerId: scope.kind === 'provider' ? scope.providerId : input.providerId };
}
