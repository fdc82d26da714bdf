// A card section that is one loaded table, captioned by the section's title, with the section's
// buttons (add, create) in a row under it.
import type { ReactNode } from 'react';
import { ResourceTable, type RowColumn } from './row-table';
import { Section } from './section';
import type { ResourceState } from './use-api';

export function ResourceTableSection<Row extends { id: string | number }>({
  title,
  intro,
  resource,
  emptyText,
  columns,
  buttons,
}: {
  title: string;
  intro?: ReactNode;
  resource: ResourceState<{ items: Row[] }>;
  emptyText: string;
  columns: Array<RowColumn<Row>>;
  /** Shown in a button row under the table. */
  buttons?: ReactNode;
}) {
  return (
    <Section title={title} intro={intro}>
      <ResourceTable<Row>
        resource={resource}
        emptyText={emptyText}
        caption={title}
        rowKey={(row) => row.id}
        columns={columns}
      />
      {buttons && <p className="button-row">{buttons}</p>}
    </Section>
  );
}
