// What the care system plans and grants, over HTTP (docs/visits.md "Planned visits and granted
// time"): a JSON array or a CSV file (`text/csv`), all rows or none; planned visits read back in
// the role's scope.
import {
  GrantedTimeInput,
  ImportResult,
  PlannedVisitInput,
  PlannedVisitPage,
  PlannedVisitQuery,
} from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from 'typebox';
import type { AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { decodeBody } from '../platform/input-checks';
import { createListCursors } from '../platform/list-cursor';
import { importGrantedTime } from './import-granted-time';
import { importPlannedVisits } from './import-planned-visits';
import { listPlannedVisits } from './list-planned-visits';

export const carePlanRouteTemplates = [
  'PUT /api/v1/planned-visits',
  'PUT /api/v1/granted-time',
  'GET /api/v1/planned-visits',
];

/** A month of a district's planned visits fits; a whole municipality's goes through the import (#15). */
const fileLimitBytes = 16 * 1024 * 1024;
const maxRows = 50_000;

/** The body: rows as JSON (checked by the schema), or CSV text (checked row by row, with line numbers). */
const fileBody = (row: TSchema) =>
  Type.Union([Type.Array(row, { maxItems: maxRows }), Type.String({ maxLength: fileLimitBytes })]);

export async function registerCarePlanRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const cursors = createListCursors(context.masterKey);
  declareRoutes(app, { tags: ['visits'], context }).get('/api/v1/planned-visits', {
    summary: 'Planned visits whose window overlaps a period, earliest first',
    querystring: PlannedVisitQuery,
    response: PlannedVisitPage,
    handle: callUseCase(listPlannedVisits, inputFrom.query, { cursors }),
  });
  // CSV is accepted here only; everywhere else a body is JSON.
  await app.register(async (scoped) => {
    // A CSV saved as Windows-1252 is refused (input-checks.ts), not read with its å, ä, ö as U+FFFD.
    scoped.addContentTypeParser(
      'text/csv',
      { parseAs: 'buffer', bodyLimit: fileLimitBytes },
      (_request, bytes: Buffer, done) => done(null, decodeBody(bytes)),
    );
    const routes = declareRoutes(scoped, { tags: ['visits'], bodyLimit: fileLimitBytes, context });
    const imports = [
      [
        '/api/v1/planned-visits',
        'Planned visits from the care system, matched by its id',
        PlannedVisitInput,
        importPlannedVisits,
      ],
      [
        '/api/v1/granted-time',
        'Granted minutes per customer, service and month',
        GrantedTimeInput,
        importGrantedTime,
      ],
    ] as const;
    for (const [url, summary, row, importFile] of imports)
      routes.put(url, {
        summary,
        body: fileBody(row),
        response: ImportResult,
        handle: async ({ request, options }) => importFile({ ...options, input: { body: request.body } }),
      });
  });
}
