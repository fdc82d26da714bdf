import { useState, type FormEvent } from 'react';
import { ApiRequestError, postApi } from '../shared/api-client';
import { InputField, SubmitButton } from '../shared/field';
import { Page } from '../shared/page';
import { Notice } from '../shared/states';
import { useTranslator } from '../shared/i18n';
import { PasskeyEnrolmentStep, PasskeySignInButton } from './passkey-login';
import { OidcSignIn } from './oidc-sign-in';

export function LoginPage({ onLoggedIn }: { onLoggedIn: () => void }) {
  const { t, describeError } = useTranslator();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [isSubmitting, setIsSubmitting] = useState(false);
  // A right password of an account that must use a passkey (docs/sign-in.md "Passkeys").
  const [passkeyStep, setPasskeyStep] = useState<'passkey_required' | 'passkey_enrolment_required'>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsSubmitting(true);
    setError(undefined);
    try {
      await postApi('/auth/login', { username: username.trim(), password });
      onLoggedIn();
    } catch (caught) {
      const apiError = caught instanceof ApiRequestError ? caught : undefined;
      if (apiError?.code === 'passkey_required' || apiError?.code === 'passkey_enrolment_required')
        setPasskeyStep(apiError.code);
      setError(describeError(apiError?.code ?? 'network_error', apiError?.message ?? String(caught)));
      setIsSubmitting(false);
    }
  };

  if (passkeyStep === 'passkey_enrolment_required')
    return (
      <div className="login-card card">
        <Page title={t('passkeys.enrolTitle')} intro={t('passkeys.enrolIntro')}>
          <PasskeyEnrolmentStep onLoggedIn={onLoggedIn} />
        </Page>
      </div>
    );

  return (
    <div className="login-card card">
      <Page title={t('login.title')} intro={t('login.intro')}>
        <form onSubmit={(event) => void submit(event)} className="form">
          {error && <Notice tone="error">{error}</Notice>}
          <InputField
            label={t('login.username')}
            name="username"
            autoComplete="username"
            required
            value={username}
            onValue={setUsername}
          />
          <InputField
            label={t('login.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onValue={setPassword}
          />
          <SubmitButton isBusy={isSubmitting} busyText={t('login.submitting')}>
            {t('login.submit')}
          </SubmitButton>
        </form>
        <div className="form passkey-sign-in">
          <p className="muted">
            {passkeyStep === 'passkey_required' ? t('passkeys.required') : t('passkeys.or')}
          </p>
          <PasskeySignInButton username={username} onLoggedIn={onLoggedIn} onProblem={setError} />
        </div>
        <OidcSignIn />
      </Page>
    </div>
  );
}
