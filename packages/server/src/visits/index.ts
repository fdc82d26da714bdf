// Visit registration (R5): derivation at ingest, and the visits API.
export { deriveLockVisitsAtIngest } from './derive-lock-visits';
