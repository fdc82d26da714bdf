import { changesShownMax, type ImportOutcome } from '@portvakt/contract';
import { countImportChanges } from '@portvakt/core';
import type { PlannedImport } from './plan-import-files';

/** A plan as the API shows it: the counts, and the changes up to `changesShownMax`. */
export function presentImportOutcome({ plan, rows }: PlannedImport): ImportOutcome {
  const counts = countImportChanges(plan.changes);
  return {
    rows,
    created: counts.create,
    updated: counts.update,
    ended: counts.end,
    unchanged: plan.unchanged,
    changes: plan.changes.slice(0, changesShownMax),
    isTruncated: plan.changes.length > changesShownMax,
  };
}
