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

export async function readExceptionQueue(
  db: Queryable,
  municipalityId: string,
  providerId: string,
  period: { from: Date; to: Date },
  settings: Record<string, unknown>,
): Promise<QueuedException[]> {
  const inputs = await readExceptionInputs(db, municipalityId, providerId, period.from, period.to);
  const limits = { ...defaultExceptionLimits, maxVisitMinutes: readVisitSettings(settings).maxVisitMinutes };
  const found = findVisitExceptions(inputs.visits, inputs.planned, inputs.refused, limits);
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
