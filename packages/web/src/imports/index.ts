// The import capability's public face in the console: the import page.
export { ImportsPage } from './imports.page';
