// "Dagens besök": the care system's planned visits of today at the customers the staff member's
// teams serve, in window order, each leading straight to checking in and out at that customer
// (the same signed visit check as the manual form below). The last list fetched is kept on the
// phone and shown offline with the time it was fetched, like the doors' names; it is fetched again
// whenever the phone is back in contact with the server.
import type { PhonePlannedVisit } from '@portvakt/contract';
import { useCallback, useEffect, useState } from 'react';
import type { PhoneAppText } from './phone-app.sv';
import { usePhoneTranslate, type PhoneLanguage } from './phone-app.i18n';
import type { PhoneSession } from './phone-session';
import type { StoredPlannedVisits } from './phone-store';
import { describeVisitCheck, type VisitCheckMessage } from './visit-check-message';

/** Hours and minutes of an instant in the municipality's time zone. */
function formatClock(language: PhoneLanguage, iso: string, timeZone: string): string {
  return new Date(iso).toLocaleTimeString(language === 'en' ? 'en-GB' : 'sv-SE', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  });
}

/** The local date (YYYY-MM-DD) of now in `timeZone`: a list kept from another day is not today's. */
function readLocalDay(timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone }).format(new Date());
}

/**
 * A card's state: not yet, checked in by this phone (it offers the check-out), inside by a door
 * opened (a lock visit: the lock ends it when the door is opened on leaving, so the phone offers
 * neither a check-in, which would register the visit twice, nor a check-out it cannot make), done.
 */
type PlannedState = 'planned' | 'open' | 'inside' | 'done';

function stateOf(visit: PhonePlannedVisit): PlannedState {
  if (visit.checkedOutAt) return 'done';
  if (!visit.checkedInAt) return 'planned';
  return visit.checkedInBy === 'lock' ? 'inside' : 'open';
}

export function PlannedVisitsSection(props: {
  session: PhoneSession;
  /** The app's one notion of contact with the server (useServerConnection). */
  isConnected: boolean;
  onChanged: () => void;
  onErased: () => void;
}) {
  const { t, language, timeZone } = usePhoneTranslate();
  const { session, isConnected, onChanged, onErased } = props;
  const [stored, setStored] = useState<StoredPlannedVisits | undefined>(session.record.plannedVisits);
  const [busyId, setBusyId] = useState<string>();
  const [message, setMessage] = useState<{ visitId: string } & VisitCheckMessage>();

  const refresh = useCallback(async () => {
    const outcome = await session.refreshPlannedVisits();
    if (outcome === 'erased') return onErased();
    setStored(session.record.plannedVisits);
  }, [session, onErased]);

  // At start and on every reconnection: a contact that found the server again (the regular one,
  // an upload, "Skicka nu") makes the kept list current.
  useEffect(() => {
    if (isConnected) void refresh();
  }, [isConnected, refresh]);

  const send = async (action: 'check-in' | 'check-out', visit: PhonePlannedVisit) => {
    setBusyId(visit.id);
    setMessage(undefined);
    const result = await session.sendVisitCheck(action, visit.customerId);
    if (result === 'erased') return onErased();
    setMessage({ visitId: visit.id, ...describeVisitCheck(action, result) });
    await refresh();
    setBusyId(undefined);
    onChanged();
  };

  const isCut = !isConnected;
  const isToday = stored !== undefined && stored.day === readLocalDay(stored.timeZone);
  const visits = isToday ? stored.plannedVisits : [];
  return (
    <section className="phone-section" aria-labelledby="planned-title">
      <h2 id="planned-title">{t('planned.title')}</h2>
      {isToday ? (
        <p className="phone-quiet" data-fetched-at={stored.fetchedAt}>
          {t(isCut ? 'planned.updatedOffline' : 'planned.updated', {
            time: formatClock(language, stored.fetchedAt, stored.timeZone),
          })}
        </p>
      ) : (
        <p className="phone-quiet">{t(isCut ? 'planned.notFetched' : 'planned.loading')}</p>
      )}
      {isToday && visits.length === 0 && <p className="phone-planned-none">{t('planned.none')}</p>}
      {visits.length > 0 && (
        <ul className="phone-planned">
          {visits.map((visit) => {
            const state = stateOf(visit);
            const window = `${formatClock(language, visit.windowStart, stored!.timeZone)}–${formatClock(language, visit.windowEnd, stored!.timeZone)}`;
            const place = [visit.address, visit.apartment].filter(Boolean).join(', ');
            const services = visit.services.map((service) => t(`service.${service}` as PhoneAppText));
            return (
              <li key={visit.id} data-planned-visit={visit.id} data-state={state}>
                <div className="phone-planned-head">
                  <strong>{window}</strong>
                  <span className={`phone-planned-badge phone-planned-${state}`}>
                    {state === 'done'
                      ? t('planned.done', {
                          time: formatClock(language, visit.checkedOutAt!, stored!.timeZone),
                        })
                      : state === 'open' || state === 'inside'
                        ? t(state === 'open' ? 'planned.open' : 'planned.inside', {
                            time: formatClock(language, visit.checkedInAt!, stored!.timeZone),
                          })
                        : t('planned.notYet')}
                  </span>
                </div>
                <strong className="phone-planned-customer">{visit.customerName}</strong>
                {place && <span>{place}</span>}
                <span className="phone-quiet">
                  {[
                    t('planned.minutes', { minutes: visit.plannedMinutes }),
                    ...(visit.staffCount > 1 ? [t('planned.staff', { count: visit.staffCount })] : []),
                    services.join(', '),
                  ].join(' · ')}
                </span>
                {state === 'inside' && <p className="phone-quiet">{t('planned.insideNote')}</p>}
                {(state === 'planned' || state === 'open') && (
                  <button
                    type="button"
                    className={state === 'open' ? 'phone-primary phone-outline' : 'phone-primary'}
                    disabled={busyId !== undefined || !isConnected}
                    aria-label={`${t(state === 'open' ? 'visits.checkOut' : 'visits.checkIn')} ${t('planned.at', { customer: visit.customerName, window })}`}
                    onClick={() => void send(state === 'open' ? 'check-out' : 'check-in', visit)}
                  >
                    {t(state === 'open' ? 'visits.checkOut' : 'visits.checkIn')}
                  </button>
                )}
                {message?.visitId === visit.id && (
                  <p className={message.isProblem ? 'phone-problem' : 'phone-done'} role="status">
                    {message.say(t, language, timeZone)}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {visits.length > 0 && isCut && <p className="phone-quiet">{t('planned.offline')}</p>}
    </section>
  );
}
