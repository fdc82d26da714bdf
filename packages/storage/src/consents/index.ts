// Property owners' contacts, the contact log, consent requests and their links (docs/consents.md).
export * from './owner-contact.repository';
export * from './consent-request.repository';
export * from './consent-link.repository';
