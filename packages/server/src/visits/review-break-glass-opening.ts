import type { Static } from 'typebox';
import type { BreakGlassOpening, ReviewBreakGlassBody } from '@portvakt/contract';
import { parseBreakGlassOpeningId } from '@portvakt/core';
import { insertBreakGlassReview } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { UseCaseOptions } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import { readBreakGlassQueue } from './break-glass-queue';

const alreadyReviewed = () => new ApiError(409, 'already_exists', 'This opening is already reviewed.');

/**
 * The work lead reviews an opening only a break-glass window allowed, with a comment (required).
 * Another provider's opening is 404, the same as one that does not exist. Audited as `review`.
 */
export async function reviewBreakGlassOpening(
  options: UseCaseOptions<Static<typeof ReviewBreakGlassBody> & { id: string }>,
): Promise<BreakGlassOpening> {
  const { actor, input } = options;
  const scope = authorise(actor, 'break_glass', 'update');
  const record = parseBreakGlassOpeningId(input.id);
  if (!record) throw notFound('break-glass opening');
  const comment = input.comment.trim();
  const [opening] = await readBreakGlassQueue(options.db, actor.municipalityId, {
    providerId: scope.kind === 'provider' ? scope.providerId : null,
    // Any window: the record names the opening.
    from: new Date(0),
    to: new Date(8_640_000_000_000_000),
    record,
  });
  if (!opening) throw notFound('break-glass opening');
  if (opening.review) throw alreadyReviewed();
  return withAuditedTransaction(options, async (client, audit) => {
    const reviewedAt = await insertBreakGlassReview(client, {
      municipalityId: actor.municipalityId,
      providerId: opening.providerId,
      deviceId: record.deviceId,
      sequence: record.sequence,
      windowId: opening.windowId,
      comment,
      reviewedBy: actor.label,
    });
    if (!reviewedAt) throw alreadyReviewed();
    await audit({
      action: 'review',
      entity: 'break_glass',
      entityId: opening.id,
      after: {
        windowId: opening.windowId,
        alarmId: opening.alarmId,
        customerId: opening.customerId,
        staffMemberId: opening.staffMemberId,
        occurredAt: opening.occurredAt,
        comment,
      },
    });
    return {
      ...opening,
      review: { comment, reviewedBy: actor.label, reviewedAt: reviewedAt.toISOString() },
    };
  });
}
