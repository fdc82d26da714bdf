import type { ExportCount, ExportSubject } from '@portvakt/contract';
import type { Actor } from '@portvakt/core';
import { countEvents, countScopedRows, countScopedVisits } from '@portvakt/storage';
import type pg from 'pg';
import { authorise } from '../platform/authorise';
import { forbidden } from '../platform/errors';
import { eventExportQuery } from './events-export-query';
import { readExportPeriod, refusePeriod } from './export-period';
import { readableParts } from './registry-export-parts';

/**
 * How many rows an export will hold for the caller, per part: counted inside the same scopes the
 * export reads with (a total says nothing of rows outside them). The CLI's progress bar starts
 * from it. Refused exactly as the export itself would be.
 */
export async function countExport(options: {
  db: pg.Pool;
  actor: Actor;
  input: { what: ExportSubject; from?: string | undefined; to?: string | undefined };
}): Promise<ExportCount> {
  const { db, actor, input } = options;
  const { what } = input;
  let parts: ExportCount['parts'];
  if (what === 'registry' || what === 'permissions') {
    refusePeriod(what, input);
    const readable = readableParts(actor, what);
    if (readable.length === 0) throw forbidden(`Your role may not read the ${what}.`);
    parts = [];
    for (const part of readable)
      parts.push({
        kind: part.kind,
        total: await countScopedRows(db, part.resource, authorise(actor, part.resource, 'read')),
      });
  } else if (what === 'events') {
    const query = eventExportQuery(actor, readExportPeriod(input));
    parts = [{ kind: 'events', total: await countEvents(db, query) }];
  } else {
    const scope = authorise(actor, 'visit', 'read');
    parts = [{ kind: 'visits', total: await countScopedVisits(db, scope, readExportPeriod(input)) }];
  }
  return { what, total: parts.reduce((sum, part) => sum + part.total, 0), parts };
}
