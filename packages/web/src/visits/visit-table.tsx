// The table of visits on the day and week pages: one row a visit, the page choosing the columns
// and taking the ones both show from `useVisitColumns`.
import type { Visit } from '@portvakt/contract';
import { useTranslator } from '../shared/i18n';
import { RowTable, type RowColumn } from '../shared/row-table';
import { clockTime } from './visit-timeline';

export function VisitTable({
  caption,
  visits,
  columns,
}: {
  caption: string;
  visits: Visit[];
  columns: Array<RowColumn<Visit>>;
}) {
  return (
    <RowTable
      caption={caption}
      rows={visits}
      rowData={(visit) => ({ 'data-visit': visit.id, 'data-state': visit.state })}
      columns={columns}
    />
  );
}

/** The columns the day and the week page both show, each with its header. */
export function useVisitColumns() {
  const { t, label } = useTranslator();
  const column = (header: RowColumn<Visit>['header'], render: RowColumn<Visit>['render']) => ({
    header,
    render,
  });
  return {
    time: column(
      t('visits.time'),
      (visit) => `${clockTime(visit.arrival)}–${visit.departure ? clockTime(visit.departure) : ''}`,
    ),
    staff: column(t('visits.staff'), (visit) => visit.staffNames.join(', ')),
    minutes: column(
      { text: t('visits.minutes'), isNumeric: true },
      (visit) => visit.minutes ?? t('visits.stillThere'),
    ),
    services: column(t('visits.services'), (visit) =>
      visit.services.map((service) => label('visitService', service)).join(', '),
    ),
    state: column(t('visits.state'), (visit) => label('visitState', visit.state)),
  };
}
