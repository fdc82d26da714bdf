// Whether support is open (R9.1): outside the hours the console says so plainly, when support
// opens again, and that only an emergency opening can be requested (the /emergency page).
import type { SupportHoursStatus } from '@portvakt/contract';
import { useSession } from '../accounts';
import { useTranslator } from '../shared/i18n';
import { Link } from '../shared/router';
import { useResource } from '../shared/use-api';

/** The support hours now, from the server's clock (the same instant raising a case is judged by). */
export function useSupportHours() {
  return useResource<SupportHoursStatus>('/support-hours');
}

/**
 * The ISO weekdays as people say them: consecutive days as a range ("måndag–söndag"), the others
 * one by one ("måndag–onsdag, fredag"), as the server's "support is closed" message does.
 */
function describeWeekdays(weekdays: readonly number[], locale: string): string {
  const name = (day: number) =>
    // 2024-01-01 was a Monday.
    new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, day)),
    );
  const runs: number[][] = [];
  for (const day of [...weekdays].sort((a, b) => a - b)) {
    const run = runs.at(-1);
    if (run && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  return runs
    .flatMap((run) =>
      run.length > 2 ? [`${name(run[0]!)}–${name(run.at(-1)!)}`] : run.map((day) => name(day)),
    )
    .join(', ');
}

function useHoursWords(hours: SupportHoursStatus) {
  const { t, language } = useTranslator();
  const locale = language === 'sv' ? 'sv-SE' : 'en-GB';
  const days = describeWeekdays(hours.weekdays, locale);
  // 00:00–24:00 is said as round the clock.
  const span =
    hours.from === '00:00' && hours.until === '24:00'
      ? t('support.roundTheClock')
      : `${hours.from}–${hours.until}`;
  const opens =
    hours.nextOpening &&
    new Intl.DateTimeFormat(locale, {
      timeZone: hours.timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(hours.nextOpening));
  return { days, span, opens };
}

/**
 * One quiet line when open ("dygnet runt" when support never closes: established round the clock,
 * or every day 00:00–24:00); a warning with the next opening and the way to emergency opening when
 * closed.
 */
export function SupportHoursNotice({ hours }: { hours: SupportHoursStatus }) {
  const { t } = useTranslator();
  const session = useSession();
  const { days, span, opens } = useHoursWords(hours);
  if (hours.isRoundTheClock)
    return (
      <p className="muted support-hours" data-support="open">
        {t('support.openRoundTheClock')}
      </p>
    );
  if (hours.isOpen)
    return (
      <p className="muted support-hours" data-support="open">
        {t('support.open', { days, span })}
      </p>
    );
  return (
    <div className="notice notice-warning support-closed" role="status" data-support="closed">
      <h2>{hours.holiday ? t('support.closedHoliday', { holiday: hours.holiday }) : t('support.closed')}</h2>
      <p>{t('support.hours', { days, span })}</p>
      {opens && <p>{t('support.opensAt', { when: opens })}</p>}
      <p>{t('support.onlyEmergency')}</p>
      {/* Only roles that may report an emergency opening get the way there (staff, work leads, support). */}
      {session.can('emergency_opening', 'create') && (
        <p>
          <Link to="/emergency" className="button button-danger">
            {t('support.requestEmergency')}
          </Link>
        </p>
      )}
    </div>
  );
}
