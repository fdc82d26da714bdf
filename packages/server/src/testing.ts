// `@portvakt/server/testing`: what tests and benchmarks outside this package (tests/e2e, bench)
// need besides the public entry: a real app on a real database, a browser-like HTTP client, a
// registry world, and the few internals they drive or enumerate directly. Tests inside the
// package import the files themselves.
export * from './platform/testing';
export * from './platform/world.testing';
export { readPdfText } from './platform/pdf.testing';
export { hasWebBuild, webDistDir } from './platform/web-build';
export { userThrottle } from './accounts/password-login';
export { keyBlockListRouteTemplates } from './devices/key-block-list.routes';
export { eventRouteTemplates } from './events/events.routes';
export { buildRelativesVisitList } from './visits/relatives-visit-list';
export { lockDismountRouteTemplates } from './registry/lock-dismount.routes';
export { blockKeysOfEndedEmployments } from './registry/block-ended-employment-keys';
export { startMailReceiver, readConsentLink, type MailReceiver } from './platform/mail.testing';
export { sendTestConsentRequest } from './consents/consent-request.testing';
export { readRelativeLink } from './relatives/relatives.testing';
export { storeBatteryReadings, type BatteryReadings } from './batteries/battery-readings.testing';
export { startTestOidcProvider, type TestOidcProvider } from './accounts/oidc-provider.testing';
export {
  startWebhookReceiver,
  verifyReceivedWebhook,
  type WebhookReceiver,
} from './webhooks/webhook-receiver.testing';
export { exportRouteTemplates } from './exports';
export { makeServerWrittenFacts, type ServerWrittenFacts } from './support/server-written-facts.testing';
export { makeAuditReferenceRecords } from './audit/audit-references.testing';
