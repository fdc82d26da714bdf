// Relatives' self-service (R4.4, docs/relatives.md): the relative's page, the invitation link's
// page and "Anhöriga" on the customer page.
export { RelativeVisitListPage } from './relative-visit-list.page';
export { RelativeInvitationPage } from './relative-invitation.page';
export { RelativesSection } from './relatives.section';
