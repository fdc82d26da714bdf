// The login page's passkey parts (docs/sign-in.md "Passkeys"): signing in with a passkey, and
// the one-time enrolment step a right password opens when the municipality requires a passkey
// of the account's role and it has none yet.
import { useState } from 'react';
import { InputField, SubmitButton } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { SendingNotice } from '../shared/states';
import { useFormSubmit, type Words } from '../shared/use-form-submit';
import { createPasskey, PasskeyBrowserError, signInWithPasskey } from './passkey-ceremony';

/** What a passkey problem says: the browser's own refusal, or the server's code. */
export function usePasskeyProblem() {
  const { t, describeProblem } = useTranslator();
  return (error: unknown) =>
    error instanceof PasskeyBrowserError
      ? t(error.reason === 'unsupported' ? 'passkeys.unsupported' : 'passkeys.cancelled')
      : describeProblem(error);
}

/**
 * The form that names a new passkey and creates it in the browser (`optionsPath`, then
 * `answerPath`): the enrolment step here, and the passkeys page. `onCreated` gets the server's
 * answer and may say what was done.
 */
export function PasskeyCreateForm<T>({
  formName,
  createText,
  optionsPath,
  answerPath,
  onCreated,
}: {
  formName: string;
  createText: string;
  optionsPath: string;
  answerPath: string;
  onCreated: (created: T) => Words | void;
}) {
  const { t } = useTranslator();
  const describe = usePasskeyProblem();
  const [name, setName] = useState('');
  const { problem, done, setDone, isBusy, submit } = useFormSubmit(async () => {
    try {
      const created = await createPasskey<T>(optionsPath, answerPath, name.trim());
      setName('');
      setDone(onCreated(created) ?? undefined);
    } catch (error) {
      return describe(error);
    }
  });
  return (
    <form onSubmit={(event) => void submit(event)} className="form" data-form={formName}>
      <SendingNotice problem={problem} done={done} />
      <InputField
        label={t('passkeys.name')}
        hint={t('passkeys.nameHint')}
        name="passkey-name"
        required
        maxLength={100}
        value={name}
        onValue={setName}
      />
      <SubmitButton isBusy={isBusy} busyText={t('passkeys.creating')}>
        {createText}
      </SubmitButton>
    </form>
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
  return (
    <PasskeyCreateForm
      formName="passkey-enrolment"
      createText={t('passkeys.create')}
      optionsPath="/auth/passkey-enrolment/options"
      answerPath="/auth/passkey-enrolment"
      onCreated={onLoggedIn}
    />
  );
}
