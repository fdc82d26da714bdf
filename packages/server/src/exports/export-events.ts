import { EventRow, type ExportFormat } from '@portvakt/contract';
import type { Actor } from '@portvakt/core';
import { listEvents, withTransaction, type StoredEvent } from '@portvakt/storage';
import type pg from 'pg';
import { logEventRead } from '../events';
import { eventExportQuery } from './events-export-query';
import {
  exportContentTypes,
  exportPageSize,
  readAllPages,
  writeCsv,
  writeJsonArray,
  type ExportFile,
  type ExportPartPages,
} from './export-files';
import { dayOf, readExportPeriod, refuseKind } from './export-period';

export interface EventsExportInput {
  format: ExportFormat;
  from?: string | undefined;
  to?: string | undefined;
  kind?: string | undefined;
}

/**
 * The event log of a period as far as the caller reads it, newest first, as CSV or a JSON array.
 * An export of events is a read of events: each page is logged in the read log in the same
 * transaction that reads it, like every event-log page (docs/event-log.md "read logging").
 */
export async function exportEvents(options: {
  db: pg.Pool;
  actor: Actor;
  requestId: string;
  input: EventsExportInput;
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
  const name = `portvakt-events-${dayOf(period.from)}-${dayOf(period.to)}`;
  return input.format === 'csv'
    ? { fileName: `${name}.csv`, contentType: exportContentTypes.csv, chunks: writeCsv(part) }
    : { fileName: `${name}.json`, contentType: exportContentTypes.json, chunks: writeJsonArray(part) };
}
