// Imports from the care system over HTTP (docs/imports.md): start one (a dry run answers its diff
// at once; a real run answers 202 and is applied in the background), and poll its progress.
import { ImportJob, ImportRequest } from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context';
import { declareRoutes } from '../platform/declare-routes';
import { readImportJob } from './read-import-job';
import { startImport } from './start-import';

export const importRouteTemplates = ['POST /api/v1/imports', 'GET /api/v1/imports/{id}'];

/** Files of a whole municipality (100,000 rows is some 10 MB of CSV). */
export const importBodyLimitBytes = 64 * 1024 * 1024;

export function registerImportRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, {
    tags: ['imports'],
    context,
    pathParams: 'uuid',
    bodyLimit: importBodyLimitBytes,
  });

  routes.post('/api/v1/imports', {
    summary:
      'Import customers, services, providers, teams, staff, memberships and team assignments from the care system',
    description:
      'A dry run answers the diff (created, changed field by field, ended) and changes nothing. A real run is planned the same way, then applied in one transaction in the background: poll GET /api/v1/imports/{id}. A file with errors is refused with 422 import_file_invalid naming file, line and field.',
    body: ImportRequest,
    response: ImportJob,
    status: 201,
    permission: ['care_system_import', 'create'],
    handle: async ({ request, options }) => {
      const started = await startImport({ ...options, input: request.body });
      // The outcome is kept on the import's row; a failure is recorded there too.
      started.done.catch(() => undefined);
      return readImportJob({ ...options, input: { id: started.importId } });
    },
  });

  routes.get('/api/v1/imports/:id', {
    summary: 'An import’s progress and its diff (or why it failed)',
    response: ImportJob,
    permission: ['care_system_import', 'read'],
    handle: async ({ request, options }) => readImportJob({ ...options, input: { id: request.params.id } }),
  });
}
