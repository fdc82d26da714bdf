// Property owners, consent requests and the consent e-service (docs/consents.md).
export { PropertyOwnersPage, PropertyOwnerDetailPage } from './property-owners.page';
export { ConsentRequestsPage } from './consent-requests.page';
export { ConsentEServicePage } from './consent-eservice.page';
