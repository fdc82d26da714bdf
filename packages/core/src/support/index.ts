export * from './support-settings';
export * from './support-case-rules';
export * from './support-case-access';
export * from './support-hours';
