/**
 * A timestamp column as epoch milliseconds (float8, whole milliseconds, as a JS Date keeps it), or
 * null. Bulk reads that hand core numbers use it: parsing a date's text and building a Date for
 * each of a month's rows, only to take `getTime()`, was most of the compensation run's time in
 * Node and its garbage (docs/visits.md "Benchmark").
 */
export const epochMsSql = (column: string): string => `floor(extract(epoch FROM ${column}) * 1000)::float8`;
