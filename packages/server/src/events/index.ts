// What other capabilities use of the event log: ingest (the device gateway's seam), the routes
// and background jobs the app registers.
export { ingestRecordBatches, type IngestResult, type IngestSource } from './event-ingest';
export { eventRouteTemplates, registerEventRoutes } from './events.routes';
export { eventSummaryRouteTemplates, registerEventSummaryRoutes } from './event-summary.routes';
export { startEventLogJobs } from './retention-job';
export { logEventRead } from './event-read-log';
