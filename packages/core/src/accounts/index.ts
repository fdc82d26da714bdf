export * from './account-rules';
export * from './session-rules';
export * from './passkey-rules';
export * from './oidc-rules';
