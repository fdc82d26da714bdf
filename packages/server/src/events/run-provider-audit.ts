import { authorise } from '../platform/authorise';
import type { UseCaseOptions } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import { logEventRead, reportPeriod, type ReportPeriodInput } from './event-read-log';
import { providerAudit } from './reports';
import { readBreakGlassQueue } from '../visits';
import { listProviderCabinetRecords } from '../key-cabinets';

/**
 * The provider audit (R4.4) over a period: a work lead audits their own provider (naming another
 * is 404), others name the provider. Besides the openings no permission allowed, it lists the
 * openings in the period that only a break-glass window allowed, reviewed or not (visit-window
 * mode, docs/visits.md "Break-glass"), and every take and return the provider's key cabinets
 * signed, each with the authorised take it closed or none (docs/key-cabinets.md). The read is logged.
 */
export async function runProviderAudit({
  db,
  actor,
  input,
  requestId,
  now,
}: UseCaseOptions<ReportPeriodInput & { providerId?: string | undefined }> & { now: Date }) {
  const scope = authorise(actor, 'event_report', 'read');
  const providerId = scope.kind === 'provider' ? scope.providerId : input.providerId;
  // Only someone who sees several providers names one: 422 like every other provider_required.
  if (!providerId)
    throw new ApiError(422, 'provider_required', 'Name the provider to audit (providerId).', {
      field: 'providerId',
    });
  if (scope.kind === 'provider' && input.providerId && input.providerId !== scope.providerId)
    throw notFound('provider');
  const { from, to } = reportPeriod(input, 31, now);
  const result = await providerAudit(db, actor.municipalityId, providerId, from, to);
  const breakGlassOpenings = (
    await readBreakGlassQueue(db, actor.municipalityId, { providerId, from, to })
  ).filter((opening) => {
    const at = Date.parse(opening.occurredAt);
    return at >= from.getTime() && at < to.getTime();
  });
  const cabinetRecords = await listProviderCabinetRecords(db, {
    municipalityId: actor.municipalityId,
    providerId,
    from,
    to,
  });
  await logEventRead(db, actor, requestId, {
    queryKind: 'provider_audit',
    subjectKind: 'provider',
    subjectId: providerId,
    from,
    to,
    rowCount: result.checked,
  });
  return {
    providerId,
    from: from.toISOString(),
    to: to.toISOString(),
    ...result,
    breakGlassOpenings,
    cabinetRecords,
  };
}
