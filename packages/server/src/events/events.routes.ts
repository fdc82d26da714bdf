// The event log over HTTP (R4; docs/event-log.md): queries, reports and legal holds. Every read
// of events is recorded (who looked at whose events, when) in the same request.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context';
import { eventLogRouteTemplates, registerEventLogRoutes } from './event-log.routes';
import { eventReportRouteTemplates, registerEventReportRoutes } from './event-reports.routes';
import { legalHoldRouteTemplates, registerLegalHoldRoutes } from './legal-holds.routes';

/** Route templates these files add (the role × scope matrix checks them in events-api.test.ts). */
export const eventRouteTemplates = [
  ...eventLogRouteTemplates,
  ...eventReportRouteTemplates,
  ...legalHoldRouteTemplates,
];

export function registerEventRoutes(app: FastifyInstance, context: AppContext): void {
  registerEventLogRoutes(app, context);
  registerEventReportRoutes(app, context);
  registerLegalHoldRoutes(app, context);
}
