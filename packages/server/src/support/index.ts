// Support cases and support hours (docs/support.md): the routes, and the support-hours reading
// other capabilities (emergency openings) may show beside their own.
export { registerSupportCaseRoutes, supportCaseRouteTemplates } from './support-cases.routes';
export { readSupportHoursNow, presentSupportHours, type SupportHoursNow } from './support-hours';
export { noteAuthorOf } from './support-case-access';
export { readArrivalLinkAuthor } from './timeline-entry-presenter';
