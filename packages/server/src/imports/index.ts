// What the app and the CLI use of care-system imports: the routes, and starting an import.
export { registerImportRoutes, importRouteTemplates } from './imports.routes';
export { startImport, type StartedImport } from './start-import';
