// Rollout over HTTP (docs/rollout.md): the rollout table, chart and CSV, and the R2.6 warnings.
export { registerRolloutRoutes, rolloutRouteTemplates } from './rollout.routes';
