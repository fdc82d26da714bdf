export * from './backup-key-rules';
export * from './deviation-plan-rules';
export * from './key-return-readiness';
