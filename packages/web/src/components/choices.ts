// Rows of a list (districts, teams, providers, companies …) as a select's options: the value a
// form sends is the row's id, the text the reader picks by is its name.
import type { Choice } from '../shared/field';

export function namedChoices(rows: ReadonlyArray<{ id: string; name: string }> | undefined): Choice[] {
  return (rows ?? []).map((row) => ({ value: row.id, label: row.name }));
}
