// What other capabilities (and the package's entry point) use of the event log's storage: COPY
// of device records, chain state, queries, findings, the read log, reports, retention, legal
// holds and verify-log.
export * from './event-log.repository';
export * from './event-finding.repository';
export * from './event-read.repository';
export * from './device-chain.repository';
export * from './event-report.repository';
export * from './event-query.repository';
export * from './event-labels.repository';
export * from './event-summary.repository';
export * from './event-retention';
export * from './legal-hold.repository';
export * from './event-verify';
