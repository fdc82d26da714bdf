export { buildApp, bodyLimitBytes, type AppOptions } from './platform/app';
// Configuration, master key, password hashing, console build: also `@portvakt/server/config`.
export * from './config';
export { startServer, type RunningServer, type ServerExtras, type WorkerRole } from './platform/server';
export { lockLoopbackRoute, type LockLoopback } from './platform/lock-loopback';
export { verifyPassword } from './accounts/passwords';
export { createFieldCrypto, normaliseIdentityNumber } from './platform/secrets';
export type { AppContext } from './platform/context';
export { ingestRecordBatches } from './events/event-ingest';
export { blockDigitalKey } from './devices/key-blocking';
export { createPinVerifier } from './devices/pin';
export { withTransaction } from '@portvakt/storage';
// What `portvakt seed-demo` runs to give the demo its support cases, emergencies and backup keys
// through the same use cases as the API.
export { updateSupportCase } from './support/update-support-case';
export { addOnCallContact } from './emergency/add-on-call-contact';
export { reportEmergencyOpening } from './emergency/report-emergency-opening';
export { assignEmergencyLocksmith } from './emergency/assign-emergency-locksmith';
export { confirmEmergencyArrival } from './emergency/emergency-arrival';
export { recordEmergencyStep } from './emergency/record-emergency-step';
export { createKeyCabinet } from './key-cabinets/create-key-cabinet';
export { authoriseKeyTake } from './key-cabinets/authorise-key-take';
export { createBackupKey } from './backup-keys/create-backup-key';
export { recordKeyReceipt } from './backup-keys/record-key-receipt';
export { returnBackupKey } from './backup-keys/return-backup-key';
export { createDeviationPlan, decideDeviationPlan } from './backup-keys/deviation-plans';
export { judgeReadiness } from './backup-keys/judge-readiness';
export { updateMunicipality } from './registry/update-municipality';
export type { Mailer } from './platform/mail';
export { runWebhookJob } from './webhooks';
// What `portvakt import` runs: the same import as POST /api/v1/imports (docs/imports.md).
export { startImport, type StartedImport } from './imports';
