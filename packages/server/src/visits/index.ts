// Visit registration (R5): derivation at ingest, the visits API, what other capabilities use.
export { deriveLockVisitsAtIngest } from './derive-lock-visits';
export { checkInVisit } from './check-in-visit';
export { checkOutVisit } from './check-out-visit';
