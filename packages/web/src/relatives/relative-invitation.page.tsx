// The page behind a relative's invitation link (R4.4, docs/relatives.md): no login, the link's
// token is the credential. It says who invited whom for which customer (given name only: a link
// may be forwarded) and makes the relative's account, once.
import type { RelativeLinkView } from '@portvakt/contract';
import { useState } from 'react';
import { createPublicLinkPage, LinkRefusal } from '../components';
import { getApi, postApi } from '../shared/api-client';
import { InputField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { LoadingState, Notice } from '../shared/states';
import { useLoader } from '../shared/use-api';
import { useFormSubmit } from '../shared/use-form-submit';

function AccountForm({ token, onMade }: { token: string; onMade: (username: string) => void }) {
  const { t } = useTranslator();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const { problem, isBusy, submit } = useFormSubmit(async () => {
    if (password !== again) return t('relativeLink.mismatch');
    const made = await postApi<{ username: string }>(`/relative-links/${token}/account`, {
      username: username.trim(),
      password,
    });
    onMade(made.username);
  });
  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="eservice-form card">
      <p>{t('relativeLink.choose')}</p>
      <InputField
        label={t('relativeLink.username')}
        hint={t('relativeLink.usernameHint')}
        autoComplete="username"
        required
        value={username}
        onValue={setUsername}
      />
      <InputField
        label={t('relativeLink.password')}
        type="password"
        autoComplete="new-password"
        required
        value={password}
        onValue={setPassword}
      />
      <InputField
        label={t('relativeLink.passwordAgain')}
        type="password"
        autoComplete="new-password"
        required
        value={again}
        onValue={setAgain}
      />
      {problem && <Notice tone="error">{problem}</Notice>}
      <button type="submit" className="button button-primary eservice-submit" disabled={isBusy}>
        {t('relativeLink.submit')}
      </button>
    </form>
  );
}

function Invitation({ token }: { token: string }) {
  const { t, formatDate } = useTranslator();
  const view = useLoader(`relative-${token}`, (signal) =>
    getApi<RelativeLinkView>(`/relative-links/${token}`, signal),
  );
  const [username, setUsername] = useState<string>();
  if (username)
    return (
      <div className="card eservice-receipt" role="status">
        <p>
          <strong>{t('relativeLink.done', { username })}</strong>
        </p>
        <p>
          <a className="button button-primary" href="/relative">
            {t('relativeLink.login')}
          </a>
        </p>
      </div>
    );
  if (view.isLoading) return <LoadingState />;
  if (view.error)
    return (
      <LinkRefusal error={view.error} className="eservice-refusal" notFound={t('relativeLink.notFound')} />
    );
  const data = view.data!;
  return (
    <>
      <p>
        {t('relativeLink.intro', {
          relative: data.relativeName,
          invitedBy: data.invitedBy,
          customer: data.customerGivenName,
          municipality: data.municipalityName,
        })}
      </p>
      <AccountForm token={token} onMade={setUsername} />
      <p className="muted">
        {t('relativeLink.validUntil', { date: formatDate(data.expiresAt.slice(0, 10)) })}
      </p>
    </>
  );
}

export const RelativeInvitationPage = createPublicLinkPage('eservice', 'relativeLink.title', Invitation);
