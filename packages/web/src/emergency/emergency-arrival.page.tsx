// The locksmith's arrival page (R9.2): public, the link's token is the credential. Shows the
// address, the doors from the street and the deadline, nothing about who lives there, and one
// big "Jag är på plats" button, usable once. Built for a phone.
import type { EmergencyArrivalView } from '@portvakt/contract';
import { useState } from 'react';
import { createPublicLinkPage, LinkRefusal } from '../components';
import { getApi, postApi } from '../shared/api-client';
import { useTranslator } from '../shared/i18n';
import { LoadingState, Notice } from '../shared/states';
import { useLoader } from '../shared/use-api';
import { useSending } from '../shared/use-form-submit';

function Arrival({ token }: { token: string }) {
  const { t, label, formatDateTime } = useTranslator();
  const view = useLoader(`arrival-${token}`, (signal) =>
    getApi<EmergencyArrivalView>(`/emergency-arrivals/${token}`, signal),
  );
  const [confirmed, setConfirmed] = useState<EmergencyArrivalView>();
  const { problem, isBusy, run } = useSending();
  if (view.isLoading) return <LoadingState />;
  if (view.error) {
    return <LinkRefusal error={view.error} className="arrival-refusal" notFound={t('arrival.notFound')} />;
  }
  const data = confirmed ?? view.data!;
  const place = [data.postalCode, data.city].filter(Boolean).join(' ');
  const confirm = () =>
    run(async () => setConfirmed(await postApi<EmergencyArrivalView>(`/emergency-arrivals/${token}`, {})));
  return (
    <>
      <p>{t('arrival.intro')}</p>
      <dl className="facts card arrival-facts">
        <div className="fact">
          <dt>{t('arrival.address')}</dt>
          <dd className="arrival-address">
            {data.streetAddress}
            {place ? `, ${place}` : ''}
          </dd>
        </div>
        <div className="fact">
          <dt>{t('arrival.doors')}</dt>
          <dd>
            <ol className="arrival-doors">
              {data.doors.map((door, index) => (
                <li key={`${index}-${door.label}`}>
                  <strong>{door.label}</strong> ({label('doorKind', door.kind)}
                  {door.floor !== null ? `, ${t('arrival.floor', { floor: door.floor })}` : ''})
                </li>
              ))}
            </ol>
          </dd>
        </div>
        <div className="fact">
          <dt>{t('arrival.dueAt')}</dt>
          <dd className="arrival-due">{formatDateTime(data.dueAt)}</dd>
        </div>
      </dl>
      {confirmed ? (
        <div className="card arrival-receipt" role="status">
          <p>
            <strong>{t('arrival.confirmed', { time: formatDateTime(confirmed.onSiteAt) })}</strong>
          </p>
        </div>
      ) : (
        <button
          type="button"
          className="button arrival-button"
          disabled={isBusy}
          onClick={() => void confirm()}
        >
          {t('arrival.confirm')}
        </button>
      )}
      {problem && <Notice tone="error">{problem}</Notice>}
    </>
  );
}

export const EmergencyArrivalPage = createPublicLinkPage('eservice arrival', 'arrival.title', Arrival);
