import type { CompensationRunDetail } from '@portvakt/contract';
import { findCompensationRun } from '@portvakt/storage';
import type { ReadOptions } from '../platform/context';
import { findInScope } from '../platform/usecase-find-in-scope';
import { presentCompensationRun } from './compensation-presenter';

/** A run with its lines, given against granted time, and what changed since its previous version. */
export async function readCompensationRun(
  options: ReadOptions<{ runId: string }>,
): Promise<CompensationRunDetail> {
  const { db, input } = options;
  const { scope, found } = await findInScope(options, 'compensation_run', 'compensation run', (scope) =>
    findCompensationRun(db, scope, input.runId),
  );
  const previous = found.previousId ? await findCompensationRun(db, scope, found.previousId) : undefined;
  return {
    run: presentCompensationRun(found.run),
    lines: found.lines,
    givenVersusGranted: found.run.givenVersusGranted,
    diff: previous ? diffLines(previous.run.version, previous.lines, found.lines) : null,
  };
}

type Line = {
  customerId: string;
  service: string;
  band: string;
  perHour: number;
  staffMinutes: number;
  amountOre: number;
};

function diffLines(previousVersion: number, before: Line[], after: Line[]) {
  const key = (l: Line) => `${l.customerId} ${l.service} ${l.band} ${l.perHour}`;
  const old = new Map(before.map((l) => [key(l), l]));
  const diff = { previousVersion, added: 0, removed: 0, changed: 0, amountDeltaOre: 0 };
  for (const line of after) {
    const was = old.get(key(line));
    old.delete(key(line));
    diff.amountDeltaOre += line.amountOre - (was?.amountOre ?? 0);
    if (!was) diff.added++;
    else if (was.staffMinutes !== line.staffMinutes || was.amountOre !== line.amountOre) diff.changed++;
  }
  for (const line of old.values()) {
    diff.removed++;
    diff.amountDeltaOre -= line.amountOre;
  }
  return diff;
}
