// Visit registration (R5): visits derived from lock records, and the rules of changing them.
export * from './lock-visit-derivation';
export * from './visit-rules';
export * from './compensation';
export * from './visit-exceptions';
export * from './alarm-response';
export * from './break-glass';
