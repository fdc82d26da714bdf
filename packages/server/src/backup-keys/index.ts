export { backupKeyRouteTemplates, registerBackupKeyRoutes } from './backup-keys.routes';
export { deviationPlanRouteTemplates, registerDeviationPlanRoutes } from './deviation-plans.routes';
