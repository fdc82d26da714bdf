export * from './account-rules';
export * from './session-rules';
