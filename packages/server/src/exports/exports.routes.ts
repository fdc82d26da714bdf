// Exports over HTTP (docs/exports.md): a file streamed page by page, and its scoped row count.
// The use cases authorise themselves: which permission an export needs depends on what it is.
import { ExportCount, ExportCountQuery, ExportParams, ExportQuery } from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import type { AppContext } from '../platform/context';
import { declareRoutes } from '../platform/declare-routes';
import { createListCursors } from '../platform/list-cursor';
import { countExport } from './count-export';
import { exportEvents } from './export-events';
import type { ExportFile } from './export-files';
import { exportRegistry } from './export-registry';
import { exportVisits } from './export-visits';

export const exportRouteTemplates = ['GET /api/v1/exports/{what}', 'GET /api/v1/exports/{what}/count'];

export function registerExportRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['exports'], context });
  const cursors = createListCursors(context.masterKey);
  const { fieldCrypto } = context;

  routes.get('/api/v1/exports/:what', {
    summary: 'Export the registry, permissions as granted, or a period’s events or visits (CSV or JSON)',
    description:
      'Streamed page by page, scoped like the list routes. registry/permissions: JSON is an object of arrays ' +
      'keyed by kind; CSV is one kind per file (`kind` required); no period (400 `export_has_no_period`). ' +
      'events/visits: `from` and `to` required.',
    params: ExportParams,
    querystring: ExportQuery,
    handle: async ({ request, reply, options }) => {
      const { what } = request.params;
      const { kind, from, to } = request.query;
      const format = request.query.format ?? 'json';
      const file: ExportFile =
        what === 'registry' || what === 'permissions'
          ? await exportRegistry({
              ...options,
              cursors,
              fieldCrypto,
              input: { what, format, kind, from, to },
            })
          : what === 'events'
            ? await exportEvents({ ...options, input: { format, from, to, kind } })
            : await exportVisits({ ...options, cursors, input: { format, from, to, kind } });
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(Readable.from(file.chunks));
    },
  });

  routes.get('/api/v1/exports/:what/count', {
    summary: 'How many rows an export holds for you, per kind (for progress)',
    params: ExportParams,
    querystring: ExportCountQuery,
    response: ExportCount,
    handle: async ({ request, options }) =>
      countExport({ ...options, input: { ...request.params, ...request.query } }),
  });
}
