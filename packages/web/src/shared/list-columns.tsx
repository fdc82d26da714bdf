// Columns that several list pages show alike, so each page states only what is its own.
import type { Column } from './data-table';
import { EntityLink } from './entity-link';
import { Link } from './router';

/** The fields of `T` that hold text. */
type TextField<T> = { [Key in keyof T]: T[Key] extends string ? Key : never }[keyof T] & string;

/** A sortable column of a text field. */
export function createSortableColumn<T>(field: TextField<T>, header: string): Column<T> {
  return { key: field, header, sortField: field, render: (row) => row[field] as string };
}

/** The sortable column that names the row, linking to its detail page `<pagePath>/<id>`. */
export function createNameColumn<T extends { id: string }>(
  field: TextField<T>,
  header: string,
  pagePath: string,
): Column<T> {
  return {
    ...createSortableColumn(field, header),
    render: (row) => <Link to={`${pagePath}/${row.id}`}>{row[field] as string}</Link>,
  };
}

/** A record the row refers to (its provider, its district), named from the API collection `apiPath`. */
export function createReferenceColumn<T>(
  key: string,
  header: string,
  apiPath: string,
  readId: (row: T) => string | null,
  hiddenText?: string,
): Column<T> {
  return {
    key,
    header,
    render: (row) => <EntityLink apiPath={apiPath} id={readId(row)} hiddenText={hiddenText} />,
  };
}

/** When the row was created, sortable. */
export function createCreatedColumn<T extends { createdAt: string }>(
  header: string,
  formatDateTime: (value: string) => string,
): Column<T> {
  return { key: 'createdAt', header, sortField: 'createdAt', render: (row) => formatDateTime(row.createdAt) };
}
