// What other capabilities and the app use of access: the permission index cache (activation
// compiles lock lists from it) and the routes.
export { PermissionIndexCache } from './permission-index';
export { registerAccessPathRoutes } from './access-path.routes';
export { registerPermissionRoutes } from './permissions.routes';
