// The API contract shared by the server and the web console: response schemas (TypeBox, so the
// server validates and documents them and the web derives its types with `Static`), and the
// enumerations both sides must agree on, `as const`. One file per capability, re-exported here.
// The domain's enumerations are core's own; those the server's routes and the console read beside
// the shapes of this contract are re-exported here, so both read core's one list.
export {
  backupKeyStatuses,
  batteryChangeDoers,
  emergencyCauses,
  keyKinds,
  keyReceiptKinds,
  keyStatuses,
  keyTakeReasons,
  lockConsentDecisions,
  lockConsentWays,
  lockStatuses,
  lockTypes,
  maxForecastWeeks,
  ownerContactKinds,
  ownerships,
  providerKinds,
  serviceKinds,
  workOrderKinds,
} from '@portvakt/core';
export * from './errors';
export * from './fact-params';
// The phone-number field, for the server's registry schemas built from core's definitions; the
// month's pattern, for the care-system file reader to word a refusal of a month.
export { monthPattern, organisationNumber, phoneNumber } from './schema-parts';
export * from './devices';
export * from './registry';
export * from './accounts';
export * from './passkeys';
export * from './oidc';
export * from './access';
export * from './audit';
export * from './audit-entries';
export * from './audit-references';
export * from './events';
export * from './visits';
export * from './compensation';
export * from './visit-schedules';
export * from './work-orders';
export * from './lock-consents';
export * from './rollout';
export * from './imports';
export * from './batteries';
export * from './consents';
export * from './support';
export * from './key-cabinets';
export * from './support-cases';
export * from './emergency';
export * from './backup-keys';
export * from './live';
export * from './relatives';
export * from './webhooks';
export * from './exports';
