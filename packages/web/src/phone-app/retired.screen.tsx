// A phone refused as blocked or replaced while lock records still waited on it (docs/phone-app.md
// "The replaced phone"): it opens no door, and hands the records over before it erases its key,
// since they exist nowhere else. Tried at once, every half minute, when the network comes back
// and on "Skicka nu"; the holder may erase it anyway, after a warning that they are lost.
import { useEffect, useState } from 'react';
import { usePhoneTranslate } from './phone-app.i18n';
import { PhoneScreen } from './first-use.screens';
import type { PhoneSession } from './phone-session';

const retryMs = 30_000;

export function RetiredScreen(props: { session: PhoneSession; hasNetwork: boolean; onErased: () => void }) {
  const { t } = usePhoneTranslate();
  const { session, hasNetwork, onErased } = props;
  const [isBusy, setBusy] = useState(false);
  const [count, setCount] = useState(session.waitingRecords);
  const [isReached, setReached] = useState(session.isServerReached !== false);
  const [isConfirming, setConfirming] = useState(false);

  const attempt = async () => {
    setBusy(true);
    const isErased = await session.finishRetirement();
    setBusy(false);
    if (isErased) return onErased();
    setCount(session.waitingRecords);
    setReached(session.isServerReached !== false);
  };

  useEffect(() => {
    if (!hasNetwork) return;
    // At once (on every start and when the network comes back), then every half minute.
    void attempt();
    const timer = setInterval(() => void attempt(), retryMs);
    return () => clearInterval(timer);
  }, [hasNetwork, session]);

  const reason = session.record.retired?.reason ?? 'revoked';
  return (
    <PhoneScreen title={t('retired.title')}>
      <p className="phone-problem" role="alert">
        {t(`retired.${reason}`)}
      </p>
      <p data-waiting={count}>{count === 1 ? t('retired.waitingOne') : t('retired.waiting', { count })}</p>
      {(!hasNetwork || !isReached) && <p className="phone-quiet">{t('retired.offline')}</p>}
      <button type="button" className="phone-primary" disabled={isBusy} onClick={() => void attempt()}>
        {t('queue.send')}
      </button>
      {isConfirming ? (
        <div className="phone-section" role="group" aria-labelledby="erase-warning">
          <p id="erase-warning" className="phone-problem">
            {t('retired.eraseWarning')}
          </p>
          <button
            type="button"
            className="phone-secondary"
            onClick={() => void session.eraseRetiredAnyway().then(onErased)}
          >
            {t('retired.eraseConfirm')}
          </button>
          <button type="button" className="phone-secondary" onClick={() => setConfirming(false)}>
            {t('retired.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="phone-secondary" onClick={() => setConfirming(true)}>
          {t('retired.eraseAnyway')}
        </button>
      )}
    </PhoneScreen>
  );
}
