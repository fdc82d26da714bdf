// Exports (issue #15 item 2, docs/exports.md): what the app registers.
export { exportRouteTemplates, registerExportRoutes } from './exports.routes';
// The CLI (`portvakt export`) checks its arguments against the same lists the routes accept.
export { exportFormats, exportSubjects, type ExportFormat, type ExportSubject } from '@portvakt/contract';
