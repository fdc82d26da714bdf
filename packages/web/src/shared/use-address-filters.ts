// A page's filters kept in the address (docs/web.md "Lists keep their … filters … in the query
// string"), as the list pages and the event log keep theirs: read from the query string on load,
// written with `useSearchParams`' setter on change (replacing the history entry), so a reload, the
// back button and a shared link keep the choice. A filter at its default is left out of the address.
import { useSearchParams } from './router';

/** How a choice of nothing ("Alla") is written when the filter's default is something else. */
const emptyChoice = 'all';

/** A filter's name in the address and its value when the address has none. */
export type FilterDefaults<Name extends string> = Record<Name, string>;

/**
 * The filters named in `defaults`, each the address's value or its default; a value outside its
 * `choices` (a hand-edited or stale link) counts as absent. The setter takes only what changes.
 */
export function useAddressFilters<Name extends string>(
  defaults: FilterDefaults<Name>,
  choices: Partial<Record<Name, readonly string[]>> = {},
): [FilterDefaults<Name>, (changes: Partial<FilterDefaults<Name>>) => void] {
  const [params, setParams] = useSearchParams();
  const names = Object.keys(defaults) as Name[];
  const values = Object.fromEntries(
    names.map((name) => [name, readFilter(params.get(name), defaults[name], choices[name])]),
  ) as FilterDefaults<Name>;
  const change = (changes: Partial<FilterDefaults<Name>>) =>
    setParams(
      Object.fromEntries(
        names
          .filter((name) => changes[name] !== undefined)
          .map((name) => [name, writeFilter(changes[name]!, defaults[name])]),
      ),
    );
  return [values, change];
}

function readFilter(written: string | null, fallback: string, choices?: readonly string[]): string {
  const value = written === emptyChoice && fallback !== '' ? '' : written;
  if (value === null) return fallback;
  return value === '' || !choices || choices.includes(value) ? value : fallback;
}

function writeFilter(value: string, fallback: string): string | null {
  if (value === fallback) return null;
  return value === '' ? emptyChoice : value;
}
