// Some label tables are worded to sit inside a sentence ("öppnas med portkod mån–fre"); an option
// in a list stands alone and starts with a capital, as Swedish writes a list item.

/** `words` with its first letter in upper case, for an option of a select or a list. */
export function sayAsChoice(words: string): string {
  return words.charAt(0).toLocaleUpperCase('sv-SE') + words.slice(1);
}
