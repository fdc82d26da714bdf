// "Logga in med kommunens inloggning" under the password form (docs/oidc.md): one link per
// municipality that has switched sign-in through its identity provider on. The link is a plain
// navigation to the server, which redirects to the provider and, after the callback, back here
// with a session; a refusal comes back as ?oidcError=<code>, explained above the buttons.
import type { OidcMunicipality } from '@portvakt/contract';
import { useEffect, useState } from 'react';
import { getApi } from '../shared/api-client';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { Notice } from '../shared/states';

const explainedCodes = [
  'oidc_not_configured',
  'oidc_state_mismatch',
  'oidc_account_unknown',
  'oidc_account_disabled',
  'oidc_provider_refused',
] as const;

function readOidcError(): MessageKey | undefined {
  const code = new URLSearchParams(window.location.search).get('oidcError');
  if (!code) return undefined;
  return (explainedCodes as readonly string[]).includes(code)
    ? (`oidc.error.${code}` as MessageKey)
    : 'oidc.error.other';
}

export function OidcSignIn() {
  const { t } = useTranslator();
  const [municipalities, setMunicipalities] = useState<OidcMunicipality[]>([]);
  const [error] = useState(readOidcError);

  useEffect(() => {
    // No list (server unreachable, none configured): the password form stands alone.
    getApi<{ items: OidcMunicipality[] }>('/auth/oidc/municipalities').then(
      (answer) => setMunicipalities(answer.items),
      () => setMunicipalities([]),
    );
  }, []);

  if (municipalities.length === 0 && !error) return null;
  return (
    <section className="oidc-sign-in" aria-label={t('oidc.signIn')}>
      {error && <Notice tone="error">{t(error)}</Notice>}
      {municipalities.length > 0 && <p className="oidc-or">{t('oidc.or')}</p>}
      {municipalities.map((municipality) => (
        <a
          key={municipality.code}
          className="button button-secondary oidc-button"
          href={`/api/v1/auth/oidc/start?municipality=${encodeURIComponent(municipality.code)}`}
        >
          {municipalities.length === 1 ? t('oidc.signIn') : t('oidc.signInAt', { name: municipality.name })}
        </a>
      ))}
      {municipalities.length > 0 && <p className="hint">{t('oidc.hint')}</p>}
    </section>
  );
}
