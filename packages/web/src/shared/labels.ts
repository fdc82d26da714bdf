/** Labels for every value of an enumeration list (`as const`), so a new value needs a label. */
export type Labels<T extends readonly string[]> = Record<T[number], string>;

/**
 * Label tables for the same enumerations and values as `T` (a capability's Swedish tables, each
 * checked against its enumeration), so a missing English label fails the type check.
 */
export type LabelTablesLike<T> = { [Name in keyof T]: Record<keyof T[Name], string> };
