export { buildApp, bodyLimitBytes, type AppOptions } from './app';
export { readConfig, ConfigError, type Config } from './config';
export { startServer, type RunningServer } from './server';
export { hashPassword, verifyPassword } from './passwords';
export { createFieldCrypto, loadMasterKey, normaliseIdentityNumber } from './secrets';
export type { AppContext } from './context';
export { ingestRecordBatches } from './event-ingest';
export { blockDigitalKey } from './key-blocking';
export { createPinVerifier } from './pin';
