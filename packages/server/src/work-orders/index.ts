// Work orders (docs/work-orders.md): the planning and installer routes, the lock triggers other
// capabilities' writes call, the customer's lock consent, provider introductions and lock usage.
export { registerWorkOrderRoutes, workOrderRouteTemplates } from './work-orders.routes';
export { applyLockTriggers, type LockTriggerWrite } from './lock-triggers';
export { registerLockConsentRoutes, lockConsentRouteTemplates } from './lock-consent.routes';
export { listWorkOrders } from './list-work-orders';
export { returnWithdrawnInstalls } from './return-withdrawn-installs';
