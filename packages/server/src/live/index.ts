// What the app uses of the live view: its routes (and their templates, for the coverage test).
export { liveRouteTemplates, registerLiveRoutes } from './live.routes';
