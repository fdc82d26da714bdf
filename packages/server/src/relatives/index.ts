// Relatives' self-service (R4.4, docs/relatives.md).
export { registerRelativeRoutes, relativeRouteTemplates } from './relatives.routes';
export { registerRelativeLinkRoutes, relativeLinkRouteTemplates } from './relative-link.routes';
