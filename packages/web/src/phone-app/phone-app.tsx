// The staff phone app at /app (docs/phone-app.md): which screen the phone is on, the idle lock,
// the network state and the language. The device side is PhoneSession; the screens are in
// first-use.screens.tsx and home.screen.tsx.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { idleLockMinutes } from './personal-code';
import { CodeScreen, ErasedScreen, LockScreen, LoginScreen, SetupScreen } from './first-use.screens';
import { RetiredScreen } from './retired.screen';
import { HomeScreen } from './home.screen';
import { useIssuerContact, useServerConnection } from './issuer-contact';
import {
  createPhoneTranslate,
  defaultPhoneTimeZone,
  PhoneTranslateContext,
  readPhoneLanguage,
  savePhoneLanguage,
  type PhoneLanguage,
} from './phone-app.i18n';
import { PhoneSession } from './phone-session';
import {
  clearErasedNotice,
  readErasedNotice,
  readStoredPhone,
  type ErasedNotice,
  type StoredPhone,
} from './phone-store';

type Screen =
  | { kind: 'loading' }
  | { kind: 'setup' }
  | { kind: 'erased'; notice: ErasedNotice }
  | { kind: 'login' | 'set-code' | 'locked' | 'home' | 'retired'; session: PhoneSession };

const idleLimitMs = idleLockMinutes * 60_000;

/** Where a phone with a stored key starts: retired, log in, choose a code, locked, or home. */
function decideStart(session: PhoneSession): Screen {
  if (session.isRetired) return { kind: 'retired', session };
  if (!session.phone.isActivated) return { kind: 'login', session };
  if (!session.record.code) return { kind: 'set-code', session };
  if (session.record.isLocked || Date.now() - session.record.lastActiveAt >= idleLimitMs)
    return { kind: 'locked', session };
  return { kind: 'home', session };
}

async function loadScreen(): Promise<Screen> {
  const stored = await readStoredPhone();
  if (!stored) {
    const notice = await readErasedNotice();
    return notice ? { kind: 'erased', notice } : { kind: 'setup' };
  }
  return decideStart(await PhoneSession.open(stored));
}

function useOnline(): boolean {
  const [isOnline, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    addEventListener('online', update);
    addEventListener('offline', update);
    return () => {
      removeEventListener('online', update);
      removeEventListener('offline', update);
    };
  }, []);
  return isOnline;
}

export function PhoneApp() {
  const [language, setLanguage] = useState<PhoneLanguage>(readPhoneLanguage);
  const t = useMemo(() => createPhoneTranslate(language), [language]);
  // The page says which language it is written in from its first paint (app/index.html says
  // Swedish), so a screen reader reads a saved English choice in English.
  useLayoutEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  const [revision, setRevision] = useState(0);
  const hasNetwork = useOnline();
  const lastTouch = useRef(Date.now());

  const reload = useCallback(() => void loadScreen().then(setScreen), []);
  // Locked stays locked until the code is entered, also over a reload (the record keeps it).
  const lockApp = useCallback((session: PhoneSession) => {
    setScreen({ kind: 'locked', session });
    void session.save({ isLocked: true });
  }, []);
  useEffect(reload, [reload]);

  const session = 'session' in screen ? screen.session : undefined;
  const isConnected = useServerConnection(session, hasNetwork);
  // Every time is shown in the municipality's zone, as the planned visits' answer last said it.
  const timeZone = session?.record.plannedVisits?.timeZone ?? defaultPhoneTimeZone;
  const words = useMemo(() => ({ t, language, timeZone }), [t, language, timeZone]);

  // The idle lock: any touch or key counts as use; a check every few seconds locks the app once
  // the limit has passed (also after the phone slept, since it compares clock times).
  useEffect(() => {
    if (screen.kind !== 'home' || !session) return;
    lastTouch.current = Math.max(lastTouch.current, session.record.lastActiveAt);
    const touch = () => {
      lastTouch.current = Date.now();
    };
    const check = () => {
      if (Date.now() - lastTouch.current >= idleLimitMs) lockApp(session);
      else if (lastTouch.current - session.record.lastActiveAt > 30_000)
        void session.save({ lastActiveAt: lastTouch.current });
    };
    addEventListener('pointerdown', touch);
    addEventListener('keydown', touch);
    document.addEventListener('visibilitychange', check);
    const timer = setInterval(check, 2_000);
    return () => {
      removeEventListener('pointerdown', touch);
      removeEventListener('keydown', touch);
      document.removeEventListener('visibilitychange', check);
      clearInterval(timer);
    };
  }, [screen.kind, session, lockApp]);

  // Back online, and every half minute while something waits: it goes up (the server keeps each
  // record once, so a retry after an upload whose answer was lost is harmless).
  useEffect(() => {
    if (!session || screen.kind !== 'home') return;
    const retry = () => {
      if (navigator.onLine && session.waitingRecords > 0)
        void session.uploadRecords().then(() => setRevision((n) => n + 1));
    };
    retry();
    const timer = setInterval(retry, 30_000);
    return () => clearInterval(timer);
  }, [hasNetwork, session, screen.kind]);

  const switchLanguage = () => {
    const next = language === 'sv' ? 'en' : 'sv';
    savePhoneLanguage(next);
    setLanguage(next);
  };
  // Stable, so the contact with the issuer is not restarted by every render.
  const showErased = useCallback(() => reload(), [reload]);
  const bumpRevision = useCallback(() => setRevision((n) => n + 1), []);
  // The home and lock screens keep in touch, so a blocked phone erases itself even while locked.
  const isInTouch = screen.kind === 'home' || screen.kind === 'locked';
  useIssuerContact(isInTouch ? session : undefined, hasNetwork, {
    onErased: showErased,
    onAnswered: bumpRevision,
  });
  const openSession = async (stored: StoredPhone) => setScreen(decideStart(await PhoneSession.open(stored)));

  return (
    <PhoneTranslateContext.Provider value={words}>
      <header className="phone-header">
        <span className="phone-brand">{t('app.title')}</span>
        <span className={isConnected ? 'phone-online' : 'phone-offline'} role="status">
          {isConnected ? t('app.online') : t('app.offline')}
        </span>
        <button
          type="button"
          className="phone-link"
          onClick={switchLanguage}
          lang={language === 'sv' ? 'en' : 'sv'}
        >
          {t('app.language')}
        </button>
        {screen.kind === 'home' && (
          <button type="button" className="phone-link" onClick={() => lockApp(screen.session)}>
            {t('home.lockNow')}
          </button>
        )}
      </header>
      {screen.kind === 'setup' && <SetupScreen onEnrolled={(stored) => void openSession(stored)} />}
      {screen.kind === 'erased' && (
        <ErasedScreen
          notice={screen.notice}
          onStartAgain={() => void clearErasedNotice().then(() => setScreen({ kind: 'setup' }))}
        />
      )}
      {screen.kind === 'retired' && (
        <RetiredScreen session={screen.session} hasNetwork={hasNetwork} onErased={showErased} />
      )}
      {screen.kind === 'login' && (
        <LoginScreen
          session={screen.session}
          onLoggedIn={() => setScreen(decideStart(screen.session))}
          onErased={showErased}
        />
      )}
      {screen.kind === 'set-code' && (
        <CodeScreen
          session={screen.session}
          onSaved={() => setScreen({ kind: 'home', session: screen.session })}
        />
      )}
      {screen.kind === 'locked' && (
        <LockScreen
          session={screen.session}
          onUnlocked={() => {
            lastTouch.current = Date.now();
            setScreen(decideStart(screen.session));
          }}
          onErased={showErased}
        />
      )}
      {screen.kind === 'home' && (
        <HomeScreen
          session={screen.session}
          connection={{ hasNetwork, isConnected }}
          revision={revision}
          onChanged={bumpRevision}
          onErased={showErased}
          onLoggedOut={() => setScreen({ kind: 'login', session: screen.session })}
        />
      )}
    </PhoneTranslateContext.Provider>
  );
}
