// Work orders (docs/work-orders.md): the lock triggers other capabilities' writes call, the
// customer's lock consent, provider introductions and lock usage.
export { applyLockTriggers, type LockTriggerWrite } from './lock-triggers';
export { registerLockConsentRoutes, lockConsentRouteTemplates } from './lock-consent.routes';
