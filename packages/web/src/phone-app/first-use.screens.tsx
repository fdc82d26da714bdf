// The phone app's screens before its home: setting the phone up (the work lead enrols it), the
// shift login, choosing the personal code, the lock screen, and the notice after an erasure.
import { useState, type FormEvent, type ReactNode } from 'react';
import type { DigitalKeyRow } from '@portvakt/contract';
import { ApiRequestError } from '../shared/api-client';
import { filterOptions } from '../shared/text-search';
import {
  createCodeVerifier,
  idleLockMinutes,
  isAcceptableCode,
  isCodeCorrect,
  maxWrongCodes,
} from './personal-code';
import { endEnrolment, enrolPhone, startEnrolment } from './phone-enrolment';
import { formatPhoneTime, sayText, usePhoneTranslate, type PhoneSaying } from './phone-app.i18n';
import type { PhoneSession } from './phone-session';
import { erasePhone, type ErasedNotice, type StoredPhone } from './phone-store';

export function PhoneScreen({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="phone-screen">
      <h1>{title}</h1>
      {children}
    </main>
  );
}

function Field(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'search';
  isNumeric?: boolean;
  autoComplete?: string;
}) {
  return (
    <label className="phone-field">
      <span>{props.label}</span>
      <input
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        autoComplete={props.autoComplete ?? 'off'}
        {...(props.isNumeric ? { inputMode: 'numeric' as const, pattern: '[0-9]*' } : {})}
        autoCapitalize="off"
        spellCheck={false}
      />
    </label>
  );
}

/**
 * What an AccountForm holds: the typed username and password, the problem shown under them and
 * whether it is sending. `start` begins a submit: no page load, busy, the last problem gone.
 */
function useAccountForm(knownUsername = '') {
  const [username, setUsername] = useState(knownUsername);
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<PhoneSaying>();
  const [isBusy, setBusy] = useState(false);
  return {
    username,
    setUsername,
    password,
    setPassword,
    problem,
    setProblem,
    isBusy,
    setBusy,
    start(event: FormEvent) {
      event.preventDefault();
      setBusy(true);
      setProblem(undefined);
    },
  };
}

/** Username and password with one submit button: the work lead's sign-in and the shift login alike. */
function AccountForm(props: {
  labels: { username: string; password: string; submit: string };
  account: ReturnType<typeof useAccountForm>;
  onSubmit: (event: FormEvent) => void;
}) {
  const { labels, account } = props;
  return (
    <form onSubmit={props.onSubmit}>
      <Field
        label={labels.username}
        value={account.username}
        onChange={account.setUsername}
        autoComplete="username"
      />
      <Field
        label={labels.password}
        value={account.password}
        onChange={account.setPassword}
        type="password"
        autoComplete="current-password"
      />
      <Problem say={account.problem} />
      <button
        type="submit"
        className="phone-primary"
        disabled={account.isBusy || !account.username || !account.password}
      >
        {labels.submit}
      </button>
    </form>
  );
}

/**
 * The typed account name as the server knows it. Usernames never hold spaces (users.routes.ts),
 * but a phone keyboard leaves one after a word it completed, which the user cannot see and the
 * server would refuse as a wrong username.
 */
function asUsername(typed: string): string {
  return typed.trim();
}

function Problem({ say }: { say: PhoneSaying | undefined }) {
  const { t, language, timeZone } = usePhoneTranslate();
  return say ? (
    <p className="phone-problem" role="alert">
      {say(t, language, timeZone)}
    </p>
  ) : null;
}

const byHolder = new Intl.Collator('sv').compare;

/** First use: the work lead signs in, picks whose phone this is, and the app enrols its new key. */
export function SetupScreen({ onEnrolled }: { onEnrolled: (stored: StoredPhone) => void }) {
  const { t } = usePhoneTranslate();
  const account = useAccountForm();
  const { problem, setProblem, isBusy, setBusy } = account;
  const [phones, setPhones] = useState<DigitalKeyRow[] | undefined>();
  const [search, setSearch] = useState('');

  const signIn = async (event: FormEvent) => {
    account.start(event);
    try {
      setPhones(await startEnrolment(asUsername(account.username), account.password));
      account.setPassword('');
    } catch (error) {
      setProblem(() => describeFailure(error));
    } finally {
      setBusy(false);
    }
  };
  const choose = async (key: DigitalKeyRow) => {
    setBusy(true);
    try {
      onEnrolled(await enrolPhone(key));
    } catch (error) {
      setProblem(() => describeFailure(error));
      setBusy(false);
    }
  };

  if (phones) {
    // A provider may have more than a hundred phones: typing part of the holder's name or the
    // serial narrows them down, as the console's lists are searched.
    const byId = new Map(phones.map((key) => [key.id, key]));
    const shown = filterOptions(
      phones.map((key) => ({ value: key.id, label: key.holderName ?? '', hint: key.serial })),
      search,
    )
      .map((option) => byId.get(option.value)!)
      .sort((a, b) => byHolder(a.holderName ?? '', b.holderName ?? ''));
    return (
      <PhoneScreen title={t('setup.choose')}>
        <p>{t('setup.chooseIntro')}</p>
        {phones.length === 0 && <p>{t('setup.none')}</p>}
        {phones.length > 0 && (
          <Field label={t('setup.search')} type="search" value={search} onChange={setSearch} />
        )}
        {phones.length > 0 && shown.length === 0 && <p role="status">{t('setup.noMatches')}</p>}
        <ul className="phone-choices">
          {shown.map((key) => (
            <li key={key.id}>
              <button type="button" disabled={isBusy} onClick={() => void choose(key)}>
                {t('setup.phone', { holder: key.holderName ?? t('setup.noHolder'), serial: key.serial })}
              </button>
            </li>
          ))}
        </ul>
        {isBusy && <p role="status">{t('setup.enrolling')}</p>}
        <Problem say={problem} />
        <button
          type="button"
          className="phone-secondary"
          onClick={() => void endEnrolment().then(() => setPhones(undefined))}
        >
          {t('setup.cancel')}
        </button>
      </PhoneScreen>
    );
  }
  return (
    <PhoneScreen title={t('setup.title')}>
      <p>{t('setup.intro')}</p>
      <AccountForm
        labels={{ username: t('setup.username'), password: t('setup.password'), submit: t('setup.signIn') }}
        account={account}
        onSubmit={(event) => void signIn(event)}
      />
    </PhoneScreen>
  );
}

function describeFailure(error: unknown): PhoneSaying {
  if (error instanceof Error && error.message === 'not-work-lead') return sayText('setup.notWorkLead');
  if (error instanceof ApiRequestError) {
    if (error.code === 'invalid_credentials') return sayText('login.refused');
    if (error.code === 'network_error') return sayText('login.offline');
    return sayText('setup.failed', { code: error.code });
  }
  return sayText('setup.failed', { code: (error as Error).message });
}

/** The shift login with the staff member's own account: a ticket bound to this phone's key. */
export function LoginScreen(props: { session: PhoneSession; onLoggedIn: () => void; onErased: () => void }) {
  const { t } = usePhoneTranslate();
  const holder = props.session.record.holderName;
  const account = useAccountForm(props.session.record.username ?? '');
  const { setProblem } = account;

  const submit = async (event: FormEvent) => {
    account.start(event);
    const outcome = await props.session.logIn(asUsername(account.username), account.password);
    account.setBusy(false);
    account.setPassword('');
    if (outcome === 'ok') props.onLoggedIn();
    else if (outcome === 'erased') props.onErased();
    // Locked for every password, the right one too: "wrong password" would send the user on trying.
    else if (typeof outcome === 'object')
      setProblem(() => sayText('login.locked', { minutes: outcome.lockedForMinutes }));
    // The server refuses a colleague's right password exactly like a wrong one (it must not tell
    // that the account exists); naming whose phone this is tells a colleague who took the wrong one.
    else if (outcome === 'login-required')
      setProblem(() => (holder ? sayText('login.refusedForHolder', { holder }) : sayText('login.refused')));
    else if (outcome === 'issuer-unreachable') setProblem(() => sayText('login.offline'));
    // The issuer refuses a challenge signed at a time too far from its own clock.
    else if (outcome === 'stale-challenge') setProblem(() => sayText('login.clockOff'));
    // Any other refusal in words, not the protocol's code (a blocked or replaced phone erased itself above).
    else setProblem(() => sayText('login.failed'));
  };

  return (
    <PhoneScreen title={t('login.title')}>
      <p>{t('login.intro')}</p>
      {holder && <p className="phone-quiet">{t('login.phoneOf', { holder })}</p>}
      <AccountForm
        labels={{
          username: t('login.username'),
          password: t('login.password'),
          submit: account.isBusy ? t('login.busy') : t('login.submit'),
        }}
        account={account}
        onSubmit={(event) => void submit(event)}
      />
    </PhoneScreen>
  );
}

/** After the first login: the personal code that unlocks the app offline. */
export function CodeScreen(props: { session: PhoneSession; onSaved: () => void }) {
  const { t } = usePhoneTranslate();
  const [code, setCode] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<PhoneSaying>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isAcceptableCode(code)) return setProblem(() => sayText('code.weak'));
    if (code !== again) return setProblem(() => sayText('code.mismatch'));
    await props.session.save({
      code: await createCodeVerifier(code),
      wrongCodes: 0,
      lastActiveAt: Date.now(),
    });
    props.onSaved();
  };
  return (
    <PhoneScreen title={t('code.title')}>
      <p>{t('code.intro', { minutes: idleLockMinutes })}</p>
      <form onSubmit={(event) => void submit(event)}>
        <Field label={t('code.code')} value={code} onChange={setCode} type="password" isNumeric />
        <Field label={t('code.again')} value={again} onChange={setAgain} type="password" isNumeric />
        <Problem say={problem} />
        <button type="submit" className="phone-primary" disabled={!code || !again}>
          {t('code.save')}
        </button>
      </form>
    </PhoneScreen>
  );
}

/** The locked app: the personal code, checked on the phone; too many wrong codes erase the key. */
export function LockScreen(props: { session: PhoneSession; onUnlocked: () => void; onErased: () => void }) {
  const { t } = usePhoneTranslate();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<PhoneSaying>();
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const verifier = props.session.record.code;
    if (!verifier) return props.onUnlocked();
    setBusy(true);
    const isRight = await isCodeCorrect(code, verifier);
    setCode('');
    setBusy(false);
    if (isRight) {
      await props.session.save({ wrongCodes: 0, lastActiveAt: Date.now(), isLocked: false });
      return props.onUnlocked();
    }
    const wrong = props.session.record.wrongCodes + 1;
    if (wrong >= maxWrongCodes) {
      await erasePhone('wrong-codes', new Date(), props.session.waitingRecords);
      return props.onErased();
    }
    await props.session.save({ wrongCodes: wrong });
    setProblem(() => sayText('lock.wrong', { left: maxWrongCodes - wrong }));
  };
  return (
    <PhoneScreen title={t('lock.title')}>
      <p>{t('lock.intro')}</p>
      <form onSubmit={(event) => void submit(event)}>
        <Field label={t('lock.code')} value={code} onChange={setCode} type="password" isNumeric />
        <Problem say={problem} />
        <button type="submit" className="phone-primary" disabled={isBusy || !code}>
          {t('lock.unlock')}
        </button>
      </form>
    </PhoneScreen>
  );
}

export function ErasedScreen(props: { notice: ErasedNotice; onStartAgain: () => void }) {
  const { t, language, timeZone } = usePhoneTranslate();
  const { unsentRecords } = props.notice;
  return (
    <PhoneScreen title={t('erased.title')}>
      <p className="phone-problem" role="alert">
        {t(`erased.${props.notice.reason}`)}
      </p>
      {unsentRecords ? (
        <p className="phone-problem">
          {unsentRecords === 1 ? t('erased.unsentOne') : t('erased.unsent', { count: unsentRecords })}
        </p>
      ) : null}
      <p className="phone-quiet">
        {t('erased.when', { time: formatPhoneTime(language, new Date(props.notice.at), timeZone) })}
      </p>
      <button type="button" className="phone-primary" onClick={props.onStartAgain}>
        {t('erased.again')}
      </button>
    </PhoneScreen>
  );
}
