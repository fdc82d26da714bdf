// What the app uses of work orders' server side: its routes (docs/work-orders.md).
export { registerWorkOrderRoutes, workOrderRouteTemplates } from './work-orders.routes';
