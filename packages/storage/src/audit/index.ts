export * from './audit.repository';
export * from './audit-checkpoint.repository';
export * from './audit-references.repository';
export * from './audit-verify';
