export * from './account-rules';
