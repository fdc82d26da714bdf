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

function useHoursWords(hours: SupportHoursStatus) {
  const { t, language } = useTranslator();
  const isWeekdays = hours.weekdays.join() === '1,2,3,4,5';
  const days = isWeekdays
    ? t('support.weekdays')
    : t('support.weekdayList', {
        list: hours.weekdays
          .map((day) =>
            new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
              weekday: 'short',
              timeZone: 'UTC',
            }).format(
              // 2024-01-01 was a Monday.
              new Date(Date.UTC(2024, 0, day)),
            ),
          )
          .join(', '),
      });
  const opens =
    hours.nextOpening &&
    new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
      timeZone: hours.timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(hours.nextOpening));
  return { days, opens };
}

/** One quiet line when open; a warning with the next opening and the way to emergency opening when closed. */
export function SupportHoursNotice({ hours }: { hours: SupportHoursStatus }) {
  const { t } = useTranslator();
  const session = useSession();
  const { days, opens } = useHoursWords(hours);
  if (hours.isOpen)
    return (
      <p className="muted support-hours" data-support="open">
        {t('support.open', { days, from: hours.from, until: hours.until })}
      </p>
    );
  return (
    <div className="notice notice-warning support-closed" role="status" data-support="closed">
      <h2>{hours.holiday ? t('support.closedHoliday', { holiday: hours.holiday }) : t('support.closed')}</h2>
      <p>{t('support.hours', { days, from: hours.from, until: hours.until })}</p>
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
