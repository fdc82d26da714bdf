// Battery forecasts, changes and rounds (R2.4, docs/batteries.md).
export { registerBatteryRoutes, batteryRouteTemplates } from './batteries.routes';
