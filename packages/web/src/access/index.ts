// What other capabilities use of access: the customer page's permission sections, the staff
// page's lock list and explain tool, and the permission history.
export type { CustomerSectionProps, CustomerServiceRow } from './customer-services';
export { GrantsSection } from './grants.section';
export { PermissionHistory } from './permissions';
export { ExplainSection, LockListSection, useLockList } from './staff-access';
export { TeamAssignmentsSection } from './team-assignments.section';
export { WhoCanOpenSection } from './who-can-open.section';
