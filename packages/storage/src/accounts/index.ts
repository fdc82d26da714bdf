export * from './accounts.repository';
