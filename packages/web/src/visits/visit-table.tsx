// The table of visits on the day and week pages: one row a visit, the page choosing the columns.
import type { Visit } from '@portvakt/contract';
import type { ReactNode } from 'react';
import { SimpleTable, type SimpleHeader } from '../shared/data-table';

/** The minutes column: the fourth on both pages, right-aligned as numbers are. */
const minutesColumn = 3;

export function VisitTable({
  caption,
  headers,
  visits,
  cells,
}: {
  caption: string;
  headers: SimpleHeader[];
  visits: Visit[];
  cells: (visit: Visit) => ReactNode[];
}) {
  return (
    <SimpleTable caption={caption} headers={headers}>
      {visits.map((visit) => (
        <tr key={visit.id} data-visit={visit.id} data-state={visit.state}>
          {cells(visit).map((cell, index) => (
            <td key={index} className={index === minutesColumn ? 'numeric' : undefined}>
              {cell}
            </td>
          ))}
        </tr>
      ))}
    </SimpleTable>
  );
}
