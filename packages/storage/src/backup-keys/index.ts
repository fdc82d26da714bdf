export * from './backup-key.repository';
export * from './deviation-plan.repository';
export * from './key-return-readiness.repository';
export * from './keys-held.repository';
