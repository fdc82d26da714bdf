// What other capabilities use of exports: the parts of each export and the period rule.
export * from './export-parts';
