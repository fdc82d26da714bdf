export * from './support-case.repository';
export * from './support-case-query.repository';
