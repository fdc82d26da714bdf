export * from './accounts.repository';
export * from './passkey.repository';
export * from './oidc.repository';
