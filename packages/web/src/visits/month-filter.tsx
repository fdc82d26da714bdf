// The month a visits report is about: `?month=YYYY-MM` in the address (last month by default), and
// the picker that changes it. Shared by the compensation and alarm pages.
import type { ReactElement } from 'react';
import { FilterBar } from '../shared/filter-bar';
import { PeriodField } from '../shared/filters';
import { useTranslator } from '../shared/i18n';
import { useSearchParams } from '../shared/router';

/** The month before this one, YYYY-MM: the month a run or a report is usually about. */
export function previousMonth(): string {
  const now = new Date();
  const date = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * A month (YYYY-MM) in the language's words, "november 2026" / "November 2026": the translator
 * writes days and instants, and a month in a sentence is no raw ISO text either (docs/web.md "Dates").
 */
export function formatMonth(month: string, language: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  if (!year || !number) return month;
  return new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, number - 1, 1)));
}

/** The page's month and its picker. */
export function useMonthFilter(): { month: string; filter: ReactElement } {
  const { t } = useTranslator();
  const [params, setParams] = useSearchParams();
  const asked = params.get('month') ?? '';
  const month = /^\d{4}-\d{2}$/.test(asked) ? asked : previousMonth();
  const filter = (
    <FilterBar>
      <PeriodField
        label={t('compensation.month')}
        type="month"
        value={month}
        onPick={(picked) => setParams({ month: picked })}
      />
    </FilterBar>
  );
  return { month, filter };
}
