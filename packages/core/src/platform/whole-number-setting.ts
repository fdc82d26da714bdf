// A municipality's settings are a JSON object an administrator edits: a number a rule reads from
// it is used only when it is a whole number in the rule's range, otherwise the rule's default.

/** `value` when it is a whole number from `min` (default 1) to `max` (default none), else `fallback`. */
export function readWholeNumberSetting(
  value: unknown,
  fallback: number,
  range: { min?: number; max?: number } = {},
): number {
  const { min = 1, max = Infinity } = range;
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
    ? value
    : fallback;
}
