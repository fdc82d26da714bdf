/** A row as the API presents it: timestamps (node-postgres gives `Date`s) as ISO 8601 strings. */
export function withIsoDates(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row))
    out[key] = value instanceof Date ? value.toISOString() : value;
  return out;
}
