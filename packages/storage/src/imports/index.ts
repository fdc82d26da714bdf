// What the server uses of care-system imports' storage: the records imported before, and the
// import's job row.
export * from './imported-records.repository';
export * from './import-job.repository';
