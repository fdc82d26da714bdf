// The locksmith's arrival page (R9.2): public, the link's token is the credential. Shows the
// address, the doors from the street and the deadline, nothing about who lives there, and one
// big "Jag är på plats" button, usable once. Built for a phone.
import type { EmergencyArrivalView } from '@portvakt/contract';
import { useMemo, useState } from 'react';
import { getApi, postApi } from '../shared/api-client';
import {
  createTranslator,
  readSavedLanguage,
  saveLanguage,
  TranslatorContext,
  useTranslator,
} from '../shared/i18n';
import { LoadingState, Notice } from '../shared/states';
import { useLoader } from '../shared/use-api';
import { useSending } from '../shared/use-form-submit';

function Arrival({ token }: { token: string }) {
  const { t, label, formatDateTime, describeError } = useTranslator();
  const view = useLoader(`arrival-${token}`, (signal) =>
    getApi<EmergencyArrivalView>(`/emergency-arrivals/${token}`, signal),
  );
  const [confirmed, setConfirmed] = useState<EmergencyArrivalView>();
  const { problem, isBusy, run } = useSending();
  if (view.isLoading) return <LoadingState />;
  if (view.error) {
    const error = view.error;
    return (
      <div className="card arrival-refusal" data-code={error.code}>
        <p>{error.code === 'not_found' ? t('arrival.notFound') : describeError(error.code, error.message)}</p>
      </div>
    );
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

/** The whole public page: its own language switch, no console shell, no session. */
export function EmergencyArrivalPage({ token }: { token: string }) {
  const [language, setLanguage] = useState(readSavedLanguage);
  const translator = useMemo(() => createTranslator(language), [language]);
  const switchLanguage = () => {
    const next = language === 'sv' ? 'en' : 'sv';
    saveLanguage(next);
    document.documentElement.lang = next;
    setLanguage(next);
  };
  return (
    <TranslatorContext.Provider value={translator}>
      <main id="main" className="eservice arrival">
        <div className="eservice-top">
          <button type="button" className="button button-quiet" onClick={switchLanguage}>
            {translator.t('app.switchLanguage')}
          </button>
        </div>
        <h1>{translator.t('arrival.title')}</h1>
        <Arrival token={token} />
      </main>
    </TranslatorContext.Provider>
  );
}
