// Work shifts over HTTP (docs/visits.md "Work shifts", docs/api.md "Visits"): list inside the
// role's scope, register one the devices did not see. Approval is the visits' (a staff member's
// day): POST /api/v1/visits/approvals marks the day's shifts too.
import { RegisterWorkShiftBody, WorkShiftPage, WorkShiftQuery } from '@portvakt/contract';
import type { FastifyInstance } from 'fastify';
import { type AppContext } from '../platform/context';
import { callUseCase, inputFrom } from '../platform/call-use-case';
import { declareRoutes } from '../platform/declare-routes';
import { CreatedId } from '../platform/schemas';
import { createListCursors } from '../platform/list-cursor';
import { listWorkShifts } from './list-work-shifts';
import { registerWorkShift } from './register-work-shift';

export const workShiftRouteTemplates = ['GET /api/v1/work-shifts', 'POST /api/v1/work-shifts'];

export function registerWorkShiftRoutes(app: FastifyInstance, context: AppContext): void {
  const routes = declareRoutes(app, { tags: ['visits'], context });
  const cursors = createListCursors(context.masterKey);
  routes.get('/api/v1/work-shifts', {
    summary: 'Work shifts overlapping a local day or a period, earliest first',
    querystring: WorkShiftQuery,
    response: WorkShiftPage,
    handle: callUseCase(listWorkShifts, inputFrom.query, { cursors }),
  });

  routes.post('/api/v1/work-shifts', {
    summary: 'Register a work shift the devices did not see (source manual)',
    body: RegisterWorkShiftBody,
    response: CreatedId,
    status: 201,
    handle: callUseCase(registerWorkShift, inputFrom.body),
  });
}
