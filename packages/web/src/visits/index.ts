// What other capabilities use of visits: the pages, routed by the shell.
export { AlarmResponsePage } from './alarm-response.page';
export { BreakGlassPage } from './break-glass.page';
export { CompensationPage } from './compensation.page';
export { GivenVersusGrantedPage } from './given-versus-granted.page';
export { VisitExceptionsPage } from './visit-exceptions.page';
export { VisitsPage } from './visits.page';
