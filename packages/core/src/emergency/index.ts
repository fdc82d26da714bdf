export * from './emergency-rules';
export * from './emergency-sla';
