// What the server uses of the live view's storage: lock states, today's record ids, notices.
export * from './live.repository';
export * from './live-notice.repository';
