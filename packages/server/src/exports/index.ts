// Exports (issue #15 item 2, docs/exports.md): what the app registers.
export { exportRouteTemplates, registerExportRoutes } from './exports.routes';
