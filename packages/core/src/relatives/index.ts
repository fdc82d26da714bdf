// Relatives' self-service (R4.4, docs/relatives.md).
export * from './invitation-rules';
