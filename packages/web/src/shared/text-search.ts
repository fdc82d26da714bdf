// Finding an option by typing, for SearchPicker and the phone app's list of phones: pure, with no
// imports, so the phone app's bundle takes it without the console's translator.

export interface PickerOption {
  value: string;
  label: string;
  /** Shown after the label and searched with it. */
  hint?: string;
}

/** Lower case without accents, so "ostergatan" finds "Östergatan" and "bjork" "Björk". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase('sv');
}

/** The options holding every word of `text`, in their label or hint. */
export function filterOptions(options: readonly PickerOption[], text: string): PickerOption[] {
  const words = fold(text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...options];
  return options.filter((option) => {
    const haystack = fold(`${option.label} ${option.hint ?? ''}`);
    return words.every((word) => haystack.includes(word));
  });
}
