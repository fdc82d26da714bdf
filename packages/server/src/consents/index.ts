// Property owners and their consent per entrance (R7, docs/consents.md).
export { registerConsentRoutes, consentRouteTemplates } from './consents.routes';
export { registerConsentLinkRoutes, consentLinkRouteTemplates } from './consent-link.routes';
export { startConsentReminderJob } from './consent-reminder-job';
export { sendConsentReminders } from './send-consent-reminders';
export { sendOrRefuse } from './send-consent-mail';
