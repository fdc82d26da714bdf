export * from './support-settings';
export * from './support-case-rules';
