// Visit registration's storage: derivation's reads and writes, visits and their versions, and
// what the care system plans and grants.
export * from './lock-visit.repository';
export * from './visit.repository';
export { listHomeCustomers } from './household.repository';
export * from './phone-visit.repository';
export * from './care-plan.repository';
export * from './work-shift.repository';
export * from './compensation.repository';
export * from './visit-exception.repository';
export * from './alarm.repository';
export * from './relatives-visit.repository';
export * from './break-glass.repository';
export * from './phone-planned-visit.repository';
