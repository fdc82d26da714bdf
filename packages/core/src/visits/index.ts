// Visit registration (R5): visits derived from lock records, and the rules of changing them.
export * from './lock-visit-derivation';
export * from './visit-rules';
export * from './compensation';
export * from './compensation-rates';
export * from './public-holidays';
export * from './given-versus-granted';
export * from './visit-exceptions';
export * from './household-visits';
export * from './alarm-response';
export * from './work-shift-rules';
export * from './relatives-visit-list';
export * from './break-glass';
