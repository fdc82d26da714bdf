// What other packages use of care-system imports: the kinds of record and their columns, and the
// dry run's diff.
export * from './import-kinds';
export * from './plan-import';
