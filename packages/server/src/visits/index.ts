// Visit registration (R5): derivation at ingest, the visits API, what other capabilities use.
export { deriveLockVisitsAtIngest } from './derive-lock-visits';
export { readBreakGlassQueue } from './break-glass-queue';
