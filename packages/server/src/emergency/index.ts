// Emergency opening with the locksmith's promise (R9.2, docs/support.md "Emergency opening").
export { registerEmergencyRoutes, emergencyRouteTemplates } from './emergency.routes';
export { registerEmergencyArrivalRoutes, emergencyArrivalRouteTemplates } from './emergency-arrival.routes';
