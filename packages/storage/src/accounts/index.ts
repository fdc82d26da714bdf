export * from './accounts.repository';
export * from './oidc.repository';
