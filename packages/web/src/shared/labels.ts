/** Labels for every value of an enumeration list (`as const`), so a new value needs a label. */
export type Labels<T extends readonly string[]> = Record<T[number], string>;
