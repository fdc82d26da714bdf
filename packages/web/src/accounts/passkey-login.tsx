// The login page's passkey parts (docs/sign-in.md "Passkeys"): signing in with a passkey, and
// the one-time enrolment step a right password opens when the municipality requires a passkey
// of the account's role and it has none yet.
import { useState, type FormEvent } from 'react';
import { InputField, SubmitButton } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { Notice } from '../shared/states';
import { useSending } from '../shared/use-form-submit';
import { createPasskey, PasskeyBrowserError, signInWithPasskey } from './passkey-ceremony';

/** What a passkey problem says: the browser's own refusal, or the server's code. */
export function usePasskeyProblem() {
  const { t, describeProblem } = useTranslator();
  return (error: unknown) =>
    error instanceof PasskeyBrowserError
      ? t(error.reason === 'unsupported' ? 'passkeys.unsupported' : 'passkeys.cancelled')
      : describeProblem(error);
}

/** The name a new passkey is given and the button that creates it (enrolment here, the passkeys page). */
export function PasskeyNameFields({
  name,
  onName,
  isBusy,
  createText,
}: {
  name: string;
  onName: (name: string) => void;
  isBusy: boolean;
  createText: string;
}) {
  const { t } = useTranslator();
  return (
    <>
      <InputField
        label={t('passkeys.name')}
        hint={t('passkeys.nameHint')}
        name="passkey-name"
        required
        maxLength={100}
        value={name}
        onValue={onName}
      />
      <SubmitButton isBusy={isBusy} busyText={t('passkeys.creating')}>
        {createText}
      </SubmitButton>
    </>
  );
}

/** "Sign in with a passkey": after the username when one is typed, else any discoverable passkey. */
export function PasskeySignInButton({
  username,
  onLoggedIn,
  onProblem,
}: {
  username: string;
  onLoggedIn: () => void;
  onProblem: (problem: string | undefined) => void;
}) {
  const { t } = useTranslator();
  const describe = usePasskeyProblem();
  const [isBusy, setIsBusy] = useState(false);
  const signIn = async () => {
    setIsBusy(true);
    onProblem(undefined);
    try {
      await signInWithPasskey(username.trim() || undefined);
      onLoggedIn();
    } catch (error) {
      onProblem(describe(error));
      setIsBusy(false);
    }
  };
  return (
    <button type="button" className="button button-secondary" disabled={isBusy} onClick={() => void signIn()}>
      {isBusy ? t('passkeys.signingIn') : t('passkeys.signIn')}
    </button>
  );
}

/** The enrolment step: name and create the first passkey, which also signs in. */
export function PasskeyEnrolmentStep({ onLoggedIn }: { onLoggedIn: () => void }) {
  const { t } = useTranslator();
  const describe = usePasskeyProblem();
  const [name, setName] = useState('');
  const { problem, setProblem, isBusy, run } = useSending();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      try {
        await createPasskey('/auth/passkey-enrolment/options', '/auth/passkey-enrolment', name.trim());
        onLoggedIn();
      } catch (error) {
        setProblem(describe(error));
      }
    });
  };
  return (
    <form onSubmit={submit} className="form" data-form="passkey-enrolment">
      {problem && <Notice tone="error">{problem}</Notice>}
      <PasskeyNameFields name={name} onName={setName} isBusy={isBusy} createText={t('passkeys.create')} />
    </form>
  );
}
