// A date picker between "previous" and "next" buttons, its day kept in the address: the day page
// steps a day (`?day=`), the customer's week page a week (`?week=`).
import type { ReactElement } from 'react';
import { PeriodField } from '../shared/filters';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { useSearchParams } from '../shared/router';
import { startOfDay, toDayString } from '../shared/dates';

/** Each unit's query parameter (its name), its step in days and its words. */
const units = {
  day: { days: 1, label: 'visits.day', previous: 'visits.previousDay', next: 'visits.nextDay' },
  week: { days: 7, label: 'week.week', previous: 'week.previousWeek', next: 'week.nextWeek' },
} as const satisfies Record<
  string,
  { days: number; label: MessageKey; previous: MessageKey; next: MessageKey }
>;

export function DateStepper({ unit, value }: { unit: keyof typeof units; value: string }): ReactElement {
  const { t } = useTranslator();
  const [, setParams] = useSearchParams();
  const { days, label, previous, next } = units[unit];
  const goTo = (day: string) => setParams({ [unit]: day });
  const step = (steps: -1 | 1) => goTo(toDayString(startOfDay(value, steps * days)));
  return (
    <>
      <button type="button" className="button button-secondary" onClick={() => step(-1)}>
        ← {t(previous)}
      </button>
      <PeriodField label={t(label)} type="date" value={value} onPick={goTo} />
      <button type="button" className="button button-secondary" onClick={() => step(1)}>
        {t(next)} →
      </button>
    </>
  );
}
