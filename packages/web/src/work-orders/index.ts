// Work orders in the console: the customer's lock consent and providers introduced, lock usage.
export { LockConsentSection } from './lock-consent.section';
export { LockUsageBadge } from './lock-usage-badge';
