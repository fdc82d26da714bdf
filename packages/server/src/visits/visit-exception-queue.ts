// The exceptions of one provider's period as the queue shows them (docs/visits.md "Exceptions"):
// computed from visits, planned visits and refused attempts, with what people resolved.
import {
  defaultExceptionLimits,
  findVisitExceptions,
  holdingExceptionCodes,
  readVisitSettings,
  type VisitException,
} from '@portvakt/core';
import {
  listExceptionResolutions,
  readExceptionInputs,
  type ExceptionResolutionRow,
  type Queryable,
} from '@portvakt/storage';

export interface QueuedException extends VisitException {
  providerId: string;
  isHolding: boolean;
  resolution: ExceptionResolutionRow | null;
}

/**
 * How far beyond the period's edges the inputs are read: more than the longest visit (12 hours),
 * a planned visit's window and margin, and a refused attempt's half hour, so what a visit near
 * an edge meets just outside the period is there too.
 */
const contextMs = 86_400_000;

/**
 * The provider's exceptions that happen in the period or name one of its visits, as they stand at
 * `now` (a visit that may still come is not yet missed). An exception is a fact about visits, not
 * about the period asked for: the inputs are read a day beyond each
 * edge, so a day's list, a month's and an approval's check agree (docs/visits.md "Exceptions").
 */
export async function readExceptionQueue(
  context: { db: Queryable; actor: { municipalityId: string }; now: Date },
  providerId: string,
  period: { from: Date; to: Date },
  settings: Record<string, unknown>,
): Promise<QueuedException[]> {
  const { db, now } = context;
  const municipalityId = context.actor.municipalityId;
  const from = period.from.getTime();
  const to = period.to.getTime();
  const visitSettings = readVisitSettings(settings);
  const inputs = await readExceptionInputs(
    db,
    municipalityId,
    providerId,
    new Date(from - contextMs),
    new Date(to + contextMs),
    visitSettings.timeZone,
  );
  const limits = { ...defaultExceptionLimits, maxVisitMinutes: visitSettings.maxVisitMinutes };
  const isInPeriod = (at: number) => at >= from && at < to;
  const periodVisits = new Set(inputs.visits.filter((v) => isInPeriod(v.arrival)).map((v) => v.visitId));
  const found = findVisitExceptions(
    inputs.visits,
    inputs.planned,
    inputs.refused,
    limits,
    now.getTime(),
  ).filter((e) => isInPeriod(e.at) || e.visitIds.some((id) => periodVisits.has(id)));
  const resolutions = await listExceptionResolutions(
    db,
    municipalityId,
    providerId,

    found.map((e) => e.key),
  );
  return found.map((exception) => ({
    ...exception,
    providerId,
    isHolding: holdingExceptionCodes.has(exception.code),
    resolution: resolutions.get(exception.key) ?? null,
  }));
}

/** The visits an unresolved holding exception keeps out of the compensation run. */
export function findHeldBackVisits(queue: readonly QueuedException[]): Set<string> {
  return new Set(queue.filter((e) => e.isHolding && !e.resolution).flatMap((e) => e.visitIds));
}
