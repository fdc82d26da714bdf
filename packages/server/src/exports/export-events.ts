import { EventRow } from '@portvakt/contract';
import type { Actor } from '@portvakt/core';
import { listEvents, withTransaction, type StoredEvent } from '@portvakt/storage';
import type pg from 'pg';
import { logEventRead } from '../events';
import { eventExportQuery } from './events-export-query';
import { exportPageSize, readAllPages, type ExportFile, type ExportPartPages } from './export-files';
import { readMunicipalityTimeZone } from '../platform/municipality-settings';
import { readExportPeriod, refuseKind, writePeriodExport, type PeriodExportInput } from './export-period';

/**
 * The event log of a period as far as the caller reads it, newest first, as CSV or a JSON array.
 * An export of events is a read of events: each page is logged in the read log in the same
 * transaction that reads it, like every event-log page (docs/event-log.md "read logging").
 */
export async function exportEvents(options: {
  db: pg.Pool;
  actor: Actor;
  requestId: string;
  input: PeriodExportInput;
}): Promise<ExportFile> {
  const { db, actor, requestId, input } = options;
  refuseKind('events', input.kind);
  const period = readExportPeriod(input);
  const query = eventExportQuery(actor, period);
  const pages = readAllPages<StoredEvent>((cursor) =>
    withTransaction(db, async (client) => {
      const page = await listEvents(client, { ...query, cursor, limit: exportPageSize });
      await logEventRead(client, actor, requestId, {
        queryKind: 'events_export',
        subjectKind: 'export',
        subjectId: null,
        ...period,
        rowCount: page.items.length,
      });
      return page;
    }),
  );
  const part: ExportPartPages = {
    kind: 'events',
    columns: Object.keys(EventRow.properties),
    pages: pages as AsyncIterable<Record<string, unknown>[]>,
  };
  const timeZone = await readMunicipalityTimeZone(db, actor.municipalityId);
  return writePeriodExport(part, period, input.format, timeZone);
}
