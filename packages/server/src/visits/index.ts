// Visit registration (R5): derivation at ingest, the visits API, what other capabilities use.
export { deriveLockVisitsAtIngest } from './derive-lock-visits';
export { checkInVisit } from './check-in-visit';
export { checkOutVisit } from './check-out-visit';
export { listPhonePlannedVisits } from './list-phone-planned-visits';
export { buildRelativesVisitList, type RelativesVisitList } from './relatives-visit-list';
export { declareRelativesVisitListRoute } from './relatives-visit-list.routes';
export { readBreakGlassQueue } from './break-glass-queue';
// Care-system files' reading (CSV/JSON, headers, errors by line and field), shared with imports/.
export { readCarePlanFile, readFileRows, type FileRow, type HeaderAliases } from './care-plan-file';
export type { RowProblem } from './file-row-problems';
export { readCsvRows } from './read-csv-rows';
export { listVisits } from './list-visits';
export { maxPeriodDays } from './visit-list-page';
