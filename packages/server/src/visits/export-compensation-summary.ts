import { readVisitSettings } from '@portvakt/core';
import { findMunicipality } from '@portvakt/storage';
import type { ReadOptions } from '../platform/context';
import { renderCompensationSummaryPdf } from './compensation-summary-pdf';
import { readCompensationRun } from './read-compensation-run';

/**
 * A run's summary for its provider as a PDF, with its file name. Read with the run's own scope
 * (`readCompensationRun`): another provider's run is not found.
 */
export async function exportCompensationSummary({
  db,
  actor,
  input,
}: ReadOptions<{ runId: string }>): Promise<{ fileName: string; pdf: Uint8Array }> {
  const detail = await readCompensationRun({ db, actor, input });
  const municipality = await findMunicipality(db, actor.municipalityId);
  const pdf = await renderCompensationSummaryPdf({
    municipalityName: municipality?.name ?? '',
    timeZone: readVisitSettings(municipality?.settings ?? {}).timeZone,
    detail,
  });
  return { fileName: `ersattning-${detail.run.month}-v${detail.run.version}.pdf`, pdf };
}
