export * from './accounts.repository';
export * from './passkey.repository';
