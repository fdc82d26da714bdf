// What other capabilities use of visits: the pages, routed by the shell.
export { CompensationPage } from './compensation.page';
export { VisitExceptionsPage } from './visit-exceptions.page';
export { VisitsPage } from './visits.page';
