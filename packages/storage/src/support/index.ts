export * from './support-case.repository';
