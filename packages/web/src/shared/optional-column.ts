// A list column of a text field the row may lack, saying `noneText` (common.none) instead of a
// blank cell: a list page's address, employee number, area or firmware.
import type { Column } from './data-table';

/** The fields of `T` that hold text or nothing. */
type OptionalTextField<T> = {
  [Key in keyof T]-?: T[Key] extends string | null | undefined ? Key : never;
}[keyof T] &
  string;

export function createOptionalColumn<T>(
  field: OptionalTextField<T>,
  header: string,
  noneText: string,
): Column<T> {
  return {
    key: field,
    header,
    // An empty or blank text (the API accepts "") is as missing as null.
    render: (row) => (row[field] as string | null | undefined)?.trim() || noneText,
  };
}
