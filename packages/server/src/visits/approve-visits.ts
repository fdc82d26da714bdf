import type { Static } from 'typebox';
import type { ApproveVisitsBody } from '@portvakt/contract';
import { createZoneClock, judgeVisitChange, readVisitSettings } from '@portvakt/core';
import {
  approveVisitVersions,
  approveWorkShifts,
  isApprovalSubjectInReach,
  listVisits,
} from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError, ruleCode } from '../platform/errors';
import { readMunicipalitySettings } from '../platform/municipality-settings';
import { readExceptionQueue } from './visit-exception-queue';

/**
 * The work lead approves a staff member's day or a customer's week (R5.3): every registered or
 * corrected visit in it becomes a new `approved` version. Refused while an exception in it is
 * unresolved, and after the month's lock date for anyone but the municipality.
 */
export async function approveVisits(
  options: WriteOptions<Static<typeof ApproveVisitsBody>>,
): Promise<{ approved: number }> {
  const { actor, input, now } = options;
  const scope = authorise(actor, 'visit', 'update');
  if (!input.staffMemberId === !input.customerId)
    throw new ApiError(422, 'one_subject', 'Name exactly one of staffMemberId and customerId.');
  const settings = await readMunicipalitySettings(options.db, actor.municipalityId);
  const visitSettings = readVisitSettings(settings);
  const clock = createZoneClock(visitSettings.timeZone);
  const [year, month, day] = input.day.split('-').map(Number) as [number, number, number];
  const from = clock.fromLocal(Date.UTC(year, month - 1, day) / 60_000) * 60_000;
  const to = clock.fromLocal(Date.UTC(year, month - 1, day + (input.days ?? 1)) / 60_000) * 60_000;
  // Approval vouches for a whole day or week, so it waits for the period's end (the next local
  // midnight), however long ago its visits ended; nothing in it is "in the future".
  if (to > now.getTime())
    throw new ApiError(422, 'period_not_ended', 'Only a day or week that has ended can be approved.');
  const [locked] = judgeVisitChange(actor.role, [from, to - 1], now.getTime(), visitSettings).violations;
  if (locked) throw new ApiError(422, ruleCode(locked.code), locked.message);
  const lastDay = new Date(Date.UTC(year, month - 1, day + (input.days ?? 1) - 1)).toISOString().slice(0, 10);
  const providerId = scope.kind === 'provider' ? scope.providerId : null;
  // An approval of nobody, or of someone out of reach, would still stand in the audit trail as one.
  if (
    !(await isApprovalSubjectInReach(options.db, actor.municipalityId, providerId, input, {
      firstDay: input.day,
      lastDay,
    }))
  )
    throw new ApiError(
      422,
      'unknown_reference',
      input.staffMemberId
        ? 'No such staff member of your provider.'
        : 'No such customer served by your provider in this period.',
      { field: input.staffMemberId ? 'staffMemberId' : 'customerId' },
    );
  const period = { from: new Date(from), to: new Date(to) };
  const visits = await listVisits(options.db, scope, {
    ...period,
    staffMemberId: input.staffMemberId,
    customerId: input.customerId,
    limit: 5000,
  });
  const providers = [...new Set(visits.map((v) => v.providerId))];
  const ids = new Set(visits.map((v) => v.id));
  for (const providerId of providers) {
    const queue = await readExceptionQueue(options, providerId, period, settings);
    const open = queue.filter((e) => !e.resolution && e.visitIds.some((id) => ids.has(id)));
    if (open.length > 0)
      throw new ApiError(
        409,
        'unresolved_exceptions',
        open.length === 1
          ? '1 exception in this period is not resolved.'
          : `${open.length} exceptions in this period are not resolved.`,
        {
          keys: open.map((e) => e.key),
        },
      );
  }
  return withAuditedTransaction(options, async (client, audit) => {
    const approvable = visits.filter((v) => v.state === 'registered' || v.state === 'corrected');
    const approved = await approveVisitVersions(
      client,
      actor.municipalityId,

      approvable.map((v) => ({ visitId: v.id, version: v.version })),
      actor.label,
    );
    // The staff member's shifts of the day carry the approval too, inside the same scope: another
    // provider's work lead approves nothing of them.
    if (input.staffMemberId)
      await approveWorkShifts(client, scope, {
        staffMemberId: input.staffMemberId,
        ...period,
        by: actor.label,
      });
    // One entry per approved visit, so the visit's own history (the audit trail filtered by its
    // id) shows who approved it; a day with nothing to approve is still on record as approved.
    for (const { visitId, version } of approved)
      await audit({
        action: 'approve',
        entity: 'visit',
        entityId: visitId,
        before: { version: version - 1 },
        after: { ...input, version, state: 'approved' },
      });
    if (approved.length === 0)
      await audit({ action: 'approve', entity: 'visit', after: { ...input, visitIds: [] } });
    return { approved: approved.length };
  });
}
