// What other capabilities use of exports' storage: scoped counts.
export * from './export-count.repository';
