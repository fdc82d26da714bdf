// The page behind a relative's invitation link (R4.4, docs/relatives.md): no login, the link's
// token is the credential. It says who invited whom for which customer (given name only: a link
// may be forwarded) and makes the relative's account, once.
import type { RelativeLinkView } from '@portvakt/contract';
import { useState } from 'react';
import { createPublicLinkPage, EServiceForm, LinkRefusal } from '../components';
import { getApi, postApi } from '../shared/api-client';
import { InputField } from '../shared/field';
import { say, useTranslator } from '../shared/i18n';
import { LoadingState } from '../shared/states';
import { useLoader } from '../shared/use-api';
import { useDraft } from '../shared/use-draft';
import { useFormSubmit } from '../shared/use-form-submit';

/** One of the two fields the relative types their new password in. */
function NewPasswordField(props: { label: string; value: string; onValue: (value: string) => void }) {
  return <InputField type="password" autoComplete="new-password" required {...props} />;
}

function AccountForm({ token, onMade }: { token: string; onMade: (username: string) => void }) {
  const { t } = useTranslator();
  const { draft, bind } = useDraft({ username: '', password: '', again: '' });
  const { problem, isBusy, submit } = useFormSubmit(async () => {
    if (draft.password !== draft.again) return say('relativeLink.mismatch');
    const made = await postApi<{ username: string }>(`/relative-links/${token}/account`, {
      username: draft.username.trim(),
      password: draft.password,
    });
    onMade(made.username);
  });
  return (
    <EServiceForm
      isCard
      problem={problem}
      isBusy={isBusy}
      submitLabel={t('relativeLink.submit')}
      onSubmit={submit}
    >
      <p>{t('relativeLink.choose')}</p>
      <InputField
        label={t('relativeLink.username')}
        hint={t('relativeLink.usernameHint')}
        autoComplete="username"
        required
        {...bind('username')}
      />
      <NewPasswordField label={t('relativeLink.password')} {...bind('password')} />
      <NewPasswordField label={t('relativeLink.passwordAgain')} {...bind('again')} />
    </EServiceForm>
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
